package io.lem.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * A sysfs-shaped powercap tree with one RAPL package zone whose {@code energy_uj} a thread advances at a fixed
 * power: the missing hardware faked at its lowest boundary, read by lem's real RAPL meter. Each value is written to
 * a temp file and renamed, as the kernel's file never shows a half-written number.
 */
public final class FakeRapl implements AutoCloseable {

    public static final long POWER_UW = 7_000_000;

    public final Path root;
    private final Path energy;
    private final Thread writer;
    private volatile boolean running = true;

    public FakeRapl(Path dir) throws IOException {
        this.root = dir.resolve("powercap");
        Path zone = root.resolve("intel-rapl:0");
        Files.createDirectories(zone);
        Files.writeString(zone.resolve("name"), "package-0\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "262143328850\n");
        this.energy = zone.resolve("energy_uj");
        write(0);
        long start = System.nanoTime();
        this.writer = Thread.ofPlatform().daemon(true).name("fake-rapl").start(() -> {
            while (running) {
                write((System.nanoTime() - start) / 1000 * POWER_UW / 1_000_000);
                LockSupport.parkNanos(5_000_000);
            }
        });
    }

    /**
     * Like sysfs, the same file changes in place (lem keeps it open and re-reads it); a fixed width and no truncation
     * keep a concurrent read from ever seeing an empty or half-written file.
     */
    private void write(long energyUj) {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(energy,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(String.format("%020d%n", energyUj).getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join();
    }
}
