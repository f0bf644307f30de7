package io.lem.bench;

import io.lem.time.Clock;
import io.lem.meter.Meter;
import io.lem.meter.MeterException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One sampler row: what {@code Sampler.sampleOnce} does before it records the row, that is two clock reads around
 * one read of every meter into the row. The CPU share of sampling at rate r is this time × r (plus
 * {@link RecordBenchmark}'s cost per row).
 *
 * <p>{@code extraProcesses} starts that many sleeping processes outside the measured tree, because the process meter
 * scans every {@code /proc/<pid>/stat}: its cost grows with the machine's process count, not the engine's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SamplerBenchmark {

    @Param({"rapl", "process", "nvml", "all"})
    public String meters;

    @Param({"0"})
    public int extraProcesses;

    private final Clock clock = Clock.system();
    private Path dir;
    private List<Meter> open;
    private List<ProcessHandle> strangers;
    private int[] offsets;
    private double[] row;

    @Setup
    public void setUp() throws IOException, InterruptedException, MeterException {
        dir = Files.createTempDirectory("lem-bench-sampler");
        strangers = BenchFixtures.strangers(extraProcesses);
        open = BenchFixtures.open(meters, dir);
        offsets = new int[open.size()];
        int width = 0;
        for (int i = 0; i < open.size(); i++) {
            offsets[i] = width;
            width += open.get(i).domains().size();
        }
        row = new double[width];
    }

    @TearDown
    public void tearDown() throws IOException, InterruptedException {
        open.forEach(Meter::close);
        BenchFixtures.stop(strangers);
        BenchFixtures.deleteTree(dir);
    }

    @Benchmark
    public void sampleRow(Blackhole bh) throws MeterException {
        long before = clock.nanoTime();
        for (int i = 0; i < offsets.length; i++) {
            open.get(i).read(row, offsets[i]);
        }
        long after = clock.nanoTime();
        bh.consume(before + (after - before) / 2);
        bh.consume(row);
    }
}
