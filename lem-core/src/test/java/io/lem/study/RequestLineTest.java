package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.lem.client.EngineTimings;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.load.LoadRecord;
import io.lem.load.Portion;
import io.lem.result.Json;
import io.lem.result.JsonLine;
import io.lem.result.JsonlWriter;
import io.lem.result.RequestRow;
import io.lem.result.RequestsJsonl;
import io.lem.result.ResultFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming requests.jsonl encoder writes, for thousands of seeded random records, exactly the bytes Jackson
 * writes for the row maps of lem run and lem load (which stay the reference form).
 */
class RequestLineTest {

    private static final String[] PIECES = {"\"", "\\", "/", "\b", "\t", "\n", "\f", "\r", "\u0000", "\u001f",
            "\u007f", "\u0085", "é", "€", "\u2028", "😀", "\uD800", "\uDC00", "HTTP 503: ", "connection reset", " "};

    @TempDir
    Path tmp;

    private static String error(SplittableRandom random) {
        if (random.nextInt(3) == 0) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(4) == 0 ? random.nextInt(2000) : random.nextInt(8);
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(4) == 0 ? String.valueOf((char) random.nextInt(0x10000))
                    : PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    /** Absent (-1) now and then, else anything from 0 to a day of nanoseconds or a huge count. */
    private static long maybe(SplittableRandom random, long bound) {
        return random.nextInt(5) == 0 ? -1 : random.nextLong(bound);
    }

    static RequestRecord randomRecord(SplittableRandom random, int id, long anchorNs) {
        long send = anchorNs + random.nextLong(-1_000_000_000L, 86_400_000_000_000L);
        int chunks = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 300);
        long[] times = new long[random.nextInt(6) == 0 ? 0 : chunks];
        long t = send;
        for (int i = 0; i < times.length; i++) {
            t += random.nextInt(3) == 0 ? random.nextLong(1, 1000) : random.nextLong(1, 200_000_000L);
            times[i] = t;
        }
        long firstToken = times.length > 0 ? times[0] : random.nextBoolean() ? -1 : send + random.nextLong(1L << 40);
        long end = Math.max(t, firstToken) + random.nextLong(0, 5_000_000_000L);
        RequestStatus status = RequestStatus.values()[random.nextInt(RequestStatus.values().length)];
        EngineTimings engine = random.nextBoolean() ? null : new EngineTimings((int) maybe(random, 100_000),
                (int) maybe(random, 100_000), maybe(random, 1L << 45), maybe(random, 1L << 45),
                maybe(random, 1L << 45), maybe(random, 1L << 45));
        int http = random.nextInt(3) == 0 ? 0 : new int[] {200, 429, 500, 503, 404}[random.nextInt(5)];
        return new RequestRecord(id, random.nextBoolean(), send, firstToken, end, (int) maybe(random, 200_000),
                (int) maybe(random, random.nextBoolean() ? 3 : 200_000), chunks, random.nextBoolean(), status,
                error(random), http, times, random.nextInt(Math.max(1, chunks)), engine);
    }

    static LoadRecord randomLoad(SplittableRandom random, int id, long anchorNs) {
        RequestRecord r = randomRecord(random, id, anchorNs);
        long scheduled = random.nextInt(3) == 0 ? -1 : r.sendNs() - random.nextLong(-1_000_000L, 2_000_000_000L);
        return new LoadRecord(r, Portion.values()[random.nextInt(Portion.values().length)], scheduled);
    }

    private static byte[] jacksonLine(Object row) {
        byte[] json = Json.compact().writeValueAsBytes(row);
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }


    @ParameterizedTest
    @ValueSource(longs = {11, 22, 33})
    void randomRunAndLoadRowsMatchJacksonByteForByte(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long anchorNs = random.nextLong(0, 1L << 50);
        RequestLine encoder = new RequestLine(anchorNs);
        for (int i = 0; i < 2000; i++) {
            RequestRecord r = randomRecord(random, i, anchorNs);
            assertThat(encoder.run(r).toByteArray()).as("lem run row %d of seed %d", i, seed)
                    .isEqualTo(jacksonLine(RequestRows.toJson(r, anchorNs)));
            LoadRecord l = randomLoad(random, i, anchorNs);
            assertThat(encoder.load(l).toByteArray()).as("lem load row %d of seed %d", i, seed)
                    .isEqualTo(jacksonLine(LoadRows.toJson(l, anchorNs)));
        }
    }

    /** What the sink writes reads back through the one requests.jsonl reader as the typed rows of the records. */
    @Test
    void theLoadSinkWritesRowsTheReaderReadsBack() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        long anchorNs = 1_000_000_000L;
        List<LoadRecord> records = new ArrayList<>();
        Path file = tmp.resolve(RequestsJsonl.FILE);
        try (JsonlWriter out = new JsonlWriter(file)) {
            var sink = LoadRows.sink(out, anchorNs);
            for (int i = 0; i < 300; i++) {
                LoadRecord r = randomLoad(random, i, anchorNs);
                records.add(r);
                sink.accept(r);
            }
            sink.flush();
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(300);
        }
        List<RequestRow> rows = ResultFormats.REQUESTS.read(file);
        assertThat(rows).hasSize(300);
        for (int i = 0; i < rows.size(); i++) {
            RequestRow row = rows.get(i);
            LoadRecord r = records.get(i);
            assertThat(row.id()).isEqualTo(r.request().id());
            assertThat(row.schedule().portion()).isEqualTo(r.portion().jsonName());
            assertThat(row.chunkMs()).hasSize(r.request().chunkTimesNs().length);
            assertThat(row.error()).isEqualTo(r.request().error());
            assertThat(row.sendS()).isEqualTo((r.request().sendNs() - anchorNs) / 1e9);
        }
    }
}
