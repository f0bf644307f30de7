package io.lem.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.load.LoadRecord;
import io.lem.load.Portion;
import io.lem.result.Json;
import io.lem.result.JsonLine;
import io.lem.study.LoadRows;
import io.lem.study.RequestLine;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * lem load's writer thread per request: one requests.jsonl row from its record, the way it was written before (a
 * LinkedHashMap per row, serialised by Jackson to a String that the file's writer then encoded) and the way it is
 * now ({@link RequestLine} into one reused UTF-8 buffer). The records are bench/capacity.sh's: closed loop, OK,
 * HTTP 200, 9 prompt and 16 completion tokens over {@code chunks} chunks with times that differ row to row.
 * Run: java -cp lem-bench/target/lem-bench-0.1.0-SNAPSHOT.jar:lem-bench/target/lib/* org.openjdk.jmh.Main Row -prof gc
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
// 2 s iterations: on a shared 2-core machine 1 s ones scattered by half their mean
@Measurement(iterations = 5, time = 2)
public class RowBenchmark {

    private static final long ANCHOR_NS = 3_000_000_000_000L;
    private static final int ROWS = 1024;

    @Param({"16", "256"})
    public int chunks;

    private LoadRecord[] records;
    private RequestLine line;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        records = new LoadRecord[ROWS];
        long send = ANCHOR_NS + 1_000_000_000L;
        for (int i = 0; i < ROWS; i++) {
            send += random.nextLong(1_000, 50_000);
            long[] times = new long[chunks];
            long t = send + random.nextLong(100_000, 400_000);
            for (int c = 0; c < chunks; c++) {
                times[c] = t;
                t += random.nextLong(100, 20_000);
            }
            RequestRecord r = new RequestRecord(i, false, send, times[0], t, 9, 16, chunks, false, RequestStatus.OK,
                    null, 200, times, 0, null);
            records[i] = new LoadRecord(r, Portion.MEASURED, -1);
        }
        line = new RequestLine(ANCHOR_NS);
    }

    private LoadRecord nextRecord() {
        next = (next + 1) & (ROWS - 1);
        return records[next];
    }

    @Benchmark
    public String mapAndJackson() {
        return Json.compact().writeValueAsString(LoadRows.toJson(nextRecord(), ANCHOR_NS));
    }

    @Benchmark
    public JsonLine streaming() {
        return line.load(nextRecord());
    }
}
