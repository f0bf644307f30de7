package io.lem.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lem.measure.LocalMeters;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The original's RAPL defects, through lem's real RAPL reader on a sysfs-shaped tree that a thread advances at
 * known powers: two sockets (zones keyed by path, not by name), core zones inside the packages (never summed on
 * top of them, in the baseline as in the energy), and counters that wrap every 0.3 s (each unwrapped).
 */
class LabRaplTest extends ScriptedLab {

    static final long RANGE_UJ = 3_000_000;
    /** Zone path, name, power in W. */
    static final List<Object[]> ZONES = List.of(new Object[] {"intel-rapl:0", "package-0", 10.0},
            new Object[] {"intel-rapl:0:0", "core", 7.0}, new Object[] {"intel-rapl:0:1", "dram", 2.0},
            new Object[] {"intel-rapl:1", "package-1", 6.0}, new Object[] {"intel-rapl:1:0", "core", 4.0},
            new Object[] {"intel-rapl:1:1", "dram", 2.0});
    /** Packages and DRAM, never the cores inside the packages. */
    static final double TOTAL_W = 10 + 2 + 6 + 2;

    @Override
    ScriptedChat chat() throws Exception {
        return new ScriptedChat(List.of("one ", "two ", "three"), 100, 100);
    }

    @Test
    void baselineAndEnergyUseOneDomainPolicyAcrossSocketsAndWraps() throws Exception {
        Path root = data.resolve("powercap");
        long startNs = System.nanoTime();
        advance(root, 0);
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    advance(root, (System.nanoTime() - startNs) / 1e9);
                    Thread.sleep(2);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        try {
            LabClient client = start(LocalMeters.factory(root, Path.of("/proc")), 1.0);
            String job = client.post("/api/run", Map.of("query", "count")).json().path("id").stringValue();
            JsonNode run = LabClient.of(client.events(job), "run").getFirst();
            assertThat(run.path("mode").stringValue()).isEqualTo("live");
            assertThat(run.path("energy_domains").stringValue()).contains("cpu-package0", "cpu-package1");
            // the writer thread lags the clock by a few ms on a busy machine: 2 W still tells 20 W (packages and
            // DRAM) from 31 W (cores added on top) and from any lost or doubled wrap (3 J in 0.5 s: 6 W)
            assertThat(run.path("idle_power_w").doubleValue()).isCloseTo(TOTAL_W, within(2.0));
            assertThat(run.path("total_j").doubleValue() / run.path("duration_s").doubleValue())
                    .isCloseTo(TOTAL_W, within(2.0));
            assertThat(run.path("verification").path("passed").asBoolean()).isTrue();
        } finally {
            writer.interrupt();
            writer.join();
        }
    }

    /** Every zone's counter at {@code seconds}: power × time in µJ, wrapped at the zone's range. */
    static void advance(Path root, double seconds) throws IOException {
        for (Object[] z : ZONES) {
            Path dir = root.resolve((String) z[0]);
            Files.createDirectories(dir);
            write(dir.resolve("name"), (String) z[1]);
            write(dir.resolve("max_energy_range_uj"), Long.toString(RANGE_UJ));
            write(dir.resolve("energy_uj"), Long.toString((long) ((Double) z[2] * seconds * 1e6) % RANGE_UJ));
        }
    }

    /**
     * In place at offset 0 with a fixed width, as the kernel updates a counter: the meter keeps the file open, so a
     * new file would never be read, and no truncation means it never reads an empty one.
     */
    private static void write(Path file, String value) throws IOException {
        String padded = value.matches("\\d+") ? String.format("%020d", Long.parseLong(value)) : value;
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap((padded + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0);
        }
    }
}
