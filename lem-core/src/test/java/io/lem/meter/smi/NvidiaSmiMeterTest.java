package io.lem.meter.smi;

import io.lem.time.Clock;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterSelection;
import io.lem.meter.select.MeterSelector;
import io.lem.meter.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A shell script stands in for nvidia-smi: a real child process printing recorded lines every -lms ms. */
class NvidiaSmiMeterTest {

    @TempDir
    Path dir;

    /** GPU 0: the H100 capture; GPU 1: the MIG capture with its index set to 1 (its utilisation is [N/A]). */
    private String twoGpus(String state) {
        return CaptureLines.noUnits("h100_query-gpu.txt", state) + "\n"
                + CaptureLines.noUnits("h100mig_query-gpu.txt", state).replaceFirst(", 0, ", ", 1, ") + "\n";
    }

    private Path script(String lines, boolean ignoreTerm) throws IOException {
        writeLines(lines);
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\n"
                + (ignoreTerm ? "trap '' TERM\n" : "")
                + "echo \"$@\" > \"$(dirname \"$0\")/args\"\n"
                + "interval=$(awk \"BEGIN { print $5 / 1000 }\")\n"
                + "while true; do cat \"$(dirname \"$0\")/lines.csv\"; sleep \"$interval\"; done\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private void writeLines(String lines) throws IOException {
        Path tmp = dir.resolve("lines.tmp");
        Files.writeString(tmp, lines);
        Files.move(tmp, dir.resolve("lines.csv"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private Meter open(Path script) throws MeterException {
        return new NvidiaSmiProvider(Map.of("LEM_NVIDIA_SMI", script.toString(), "LEM_NVIDIA_SMI_INTERVAL_MS",
                "20"), Clock.system()).open(MeterContext.system());
    }

    private static double[] read(Meter meter) throws MeterException {
        double[] row = new double[meter.domains().size()];
        meter.read(row, 0);
        return row;
    }

    @Test
    void streamsTheQueryAndKeepsTheLatestLinePerGpu() throws Exception {
        Path script = script(twoGpus("idle"), false);
        try (Meter meter = open(script)) {
            assertThat(Files.readString(dir.resolve("args")).strip()).isEqualTo("--query-gpu=timestamp,index,uuid,"
                    + "power.draw,temperature.gpu,utilization.gpu,memory.used,clocks.sm"
                    + " --format=csv,noheader,nounits -lms 20");
            assertThat(meter.domains()).extracting(Domain::id).containsExactly(
                    "gpu0", "gpu0:temperature_c", "gpu0:sm_util_pct", "gpu0:memory_used_mib", "gpu0:sm_clock_mhz",
                    "gpu1", "gpu1:temperature_c", "gpu1:sm_util_pct", "gpu1:memory_used_mib", "gpu1:sm_clock_mhz");
            assertThat(meter.domains().getFirst()).extracting(Domain::kind, Domain::quantity)
                    .containsExactly(DomainKind.GPU, Quantity.POWER_W);
            assertThat(meter.domains().get(1).quantity()).isEqualTo(Quantity.GAUGE);
            assertThat(fresh(() -> read(meter)))
                    .containsExactly(69.85, 41, 0, 0, 345, 71.15, 42, Double.NaN, 59, 345);

            writeLines(twoGpus("load"));
            await("load values", () -> read(meter)[0] == 631.95 && read(meter)[5] == 433.78);
            assertThat(fresh(() -> read(meter)))
                    .containsExactly(631.95, 59, 100, 19818, 1980, 433.78, 53, Double.NaN, 11125, 1980);
        }
    }

    @Test
    void closeStopsTheChildEvenWhenItIgnoresSigterm() throws Exception {
        for (boolean ignoreTerm : new boolean[]{false, true}) {
            NvidiaSmiMeter meter = (NvidiaSmiMeter) open(script(twoGpus("idle"), ignoreTerm));
            ProcessHandle child = ProcessHandle.of(meter.pid()).orElseThrow();
            assertThat(child.isAlive()).isTrue();
            meter.close();
            assertThat(child.isAlive()).as("child alive after close (ignoreTerm=%s)", ignoreTerm).isFalse();
        }
    }

    @Test
    void aChildThatDiesMakesReadsFailWithItsLastWords() throws Exception {
        Path script = dir.resolve("dying-smi");
        Files.writeString(script, "#!/bin/sh\n" + "printf '%s\\n' '" + CaptureLines.noUnits("h100_query-gpu.txt",
                "load") + "' '" + CaptureLines.noUnits("h100_query-gpu.txt", "load") + "'\n"
                + "echo 'Unable to determine the device handle for GPU0000:00:09.0: Unknown Error'\nexit 15\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Meter meter = open(script)) {
            await("a stale read", () -> {
                try {
                    read(meter);
                    return false;
                } catch (MeterException e) {
                    return e.getMessage().contains("nvidia-smi exited with code 15")
                            && e.getMessage().contains("Unknown Error");
                }
            });
        }
    }

    @Test
    void aBinaryPrintingOnlyAnErrorCannotOpen() throws Exception {
        Path script = dir.resolve("broken-smi");
        Files.writeString(script, "#!/bin/sh\necho 'NVIDIA-SMI has failed because it couldn'\"'\"'t communicate"
                + " with the NVIDIA driver.'\nexit 9\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> open(script)).isInstanceOf(MeterException.class)
                .hasMessageContaining("printed no GPU line: NVIDIA-SMI has failed");
    }

    @Test
    void unavailableWithoutTheBinaryNotFatalUnderAuto() throws Exception {
        NvidiaSmiProvider missing = new NvidiaSmiProvider(Map.of("PATH", dir.toString()), Clock.system());
        try (MeterSelection s = new MeterSelector(List.of(missing)).select(List.of("auto"), MeterContext.system())) {
            assertThat(s.meters()).isEmpty();
            assertThat(s.status("nvidia-smi").orElseThrow().reason()).isEqualTo("nvidia-smi not found on PATH");
        }
        script(twoGpus("idle"), false);
        NvidiaSmiProvider onPath = new NvidiaSmiProvider(Map.of("PATH", "/nonexistent:" + dir), Clock.system());
        assertThat(onPath.probe(MeterContext.system()).available()).isTrue();
        NvidiaSmiProvider badInterval = new NvidiaSmiProvider(Map.of("PATH", dir.toString(),
                "LEM_NVIDIA_SMI_INTERVAL_MS", "0.5"), Clock.system());
        assertThat(badInterval.probe(MeterContext.system()).reason())
                .isEqualTo("LEM_NVIDIA_SMI_INTERVAL_MS='0.5' must be whole milliseconds in [1, 60000]");
    }

    /** A read that succeeds, retrying reads refused as stale while the loaded test machine lags the child. */
    private static double[] fresh(Callable<double[]> read) throws Exception {
        double[][] out = new double[1][];
        await("a fresh read", () -> {
            out[0] = read.call();
            return true;
        });
        return out[0];
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (MeterException e) {
                // stale while the machine is busy: keep polling
            }
            Thread.sleep(5);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
