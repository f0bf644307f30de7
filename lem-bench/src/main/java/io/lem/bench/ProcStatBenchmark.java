package io.lem.bench;

import io.lem.meter.process.ProcStat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading and parsing one {@code /proc/<pid>/stat} (the benchmark JVM's own, a many-threaded process like an
 * engine): the unit the process meter pays once per process on the machine per sample. Were the meter to re-read
 * only its tree's members each sample and rescan all of {@code /proc} once a second, a sample would cost about
 * members × this + one scan / rate.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProcStatBenchmark {

    private final Path ownStat = Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "stat");

    @Benchmark
    public ProcStat readOwnStat() throws IOException {
        return ProcStat.parse(Files.readString(ownStat));
    }
}
