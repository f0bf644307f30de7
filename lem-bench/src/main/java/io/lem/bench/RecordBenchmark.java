package io.lem.bench;

import io.lem.meter.Domain;
import io.lem.meter.Meter;
import io.lem.meter.MeterException;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;
import io.lem.result.PowerCsvWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the sampler does with a row once it is read: {@code PowerTrace.append} and {@code PowerCsvWriter.onSample}.
 * The row is the one all three meters of {@link SamplerBenchmark} give (RAPL tree, process, two stub GPUs with their
 * gauges), and time advances by one sampling period per row, so the writer flushes as often as it would at that
 * rate (about once a second) and the trace grows as it would over an hour before a fresh one replaces it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RecordBenchmark {

    private static final long SECONDS_PER_TRACE = 3600;

    @Param({"10", "100"})
    public int rateHz;

    private Path dir;
    private List<Domain> domains;
    private int[] counterColumns;
    private double[] row;
    private long periodNs;
    private long timeNs;
    private PowerTrace trace;
    private Path csvFile;
    private PowerCsvWriter csv;

    @Setup
    public void setUp() throws IOException, InterruptedException, MeterException {
        dir = Files.createTempDirectory("lem-bench-record");
        List<Meter> meters = BenchFixtures.open("all", dir);
        List<Domain> all = new ArrayList<>();
        meters.forEach(m -> all.addAll(m.domains()));
        domains = List.copyOf(all);
        row = new double[domains.size()];
        int offset = 0;
        for (Meter m : meters) {
            m.read(row, offset);
            offset += m.domains().size();
            m.close();
        }
        counterColumns = IntStream.range(0, domains.size())
                .filter(i -> domains.get(i).quantity() == Quantity.ENERGY_J).toArray();
        periodNs = 1_000_000_000L / rateHz;
        trace = new PowerTrace(domains);
    }

    /** A fresh file per iteration keeps the disk bounded: the writer emits megabytes a second here. */
    @Setup(Level.Iteration)
    public void openCsv() throws IOException {
        csvFile = dir.resolve("power.csv");
        csv = new PowerCsvWriter(csvFile, 0);
        csv.onStart(domains);
    }

    @TearDown(Level.Iteration)
    public void closeCsv() throws IOException {
        csv.close();
        Files.delete(csvFile);
    }

    @TearDown
    public void tearDown() throws IOException {
        BenchFixtures.deleteTree(dir);
    }

    @Benchmark
    public PowerTrace recordRow() {
        timeNs += periodNs;
        // cumulative energies grow between samples, so every row formats full-precision numbers as in a real run
        for (int c : counterColumns) {
            row[c] += 0.0123 * (c + 1);
        }
        if (trace.size() >= SECONDS_PER_TRACE * rateHz) {
            trace = new PowerTrace(domains);
        }
        trace.append(timeNs, row);
        csv.onSample(timeNs, row);
        return trace;
    }
}
