package io.lem.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.lem.analysis.latency.LoadMetrics;
import io.lem.analysis.latency.RequestTiming;
import io.lem.analysis.latency.Slos;
import io.lem.client.EngineTimings;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.load.LoadRecord;
import io.lem.study.LoadRows;
import io.lem.study.RequestLine;
import io.lem.load.Portion;
import io.lem.result.Json;
import io.lem.testkit.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seals lem load's machine-readable formats (requests.jsonl rows and the metrics of summary.json) under locales
 * with different decimal separators; regenerate with -Dlem.golden.update=true and review the diff.
 */
class LoadGoldenFilesTest {

    private static final long MS = 1_000_000L;
    private static final long ANCHOR = 1_000 * MS;

    private static List<LoadRecord> records() {
        List<LoadRecord> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long send = ANCHOR + i * 100 * MS;
            long[] chunks = {send + 40 * MS, send + 50 * MS, send + 65 * MS, send + 80 * MS};
            EngineTimings engine = i == 3 ? new EngineTimings(12, 4, 30 * MS, 40 * MS, 1 * MS, 75 * MS) : null;
            RequestRecord r = new RequestRecord(i, i == 0, send, chunks[0], send + 80 * MS, 12, 4, 4, false,
                    RequestStatus.OK, null, 200, chunks, 0, engine);
            out.add(new LoadRecord(r, i == 0 ? Portion.WARMUP : Portion.MEASURED, send - i * MS));
        }
        RequestRecord failed = new RequestRecord(4, false, ANCHOR + 400 * MS, -1, ANCHOR + 401 * MS, -1, -1, 0, true,
                RequestStatus.HTTP_ERROR, "HTTP 429: slow down", 429, new long[0], 0, null);
        out.add(new LoadRecord(failed, Portion.MEASURED, ANCHOR + 400 * MS));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE", "ar-EG"})
    void loadFormatsAreStableInEveryLocale(String tag) throws Exception {
        Golden.inLocale(tag, () -> {
            StringBuilder rows = new StringBuilder();
            StringBuilder jackson = new StringBuilder();
            RequestLine line = new RequestLine(ANCHOR);
            for (LoadRecord r : records()) {
                rows.append(line.load(r));
                jackson.append(Json.compact().writeValueAsString(LoadRows.toJson(r, ANCHOR))).append('\n');
            }
            // the rows lem load writes (the streaming encoder), and the map form Jackson writes, are the same bytes
            check("load-requests.jsonl", rows.toString());
            check("load-requests.jsonl", jackson.toString());
            List<RequestTiming> measured = records().stream().filter(LoadRecord::measured).map(r -> {
                RequestRecord q = r.request();
                return new RequestTiming(q.sendNs(), q.firstTokenNs(), q.endNs(), q.promptTokens(),
                        q.completionTokens(), q.chunkTimesNs(), q.ok(), r.latenessMs());
            }).toList();
            String summary = new String(Json.pretty().writeValueAsBytes(
                    LoadMetrics.summarize(measured, Slos.parse(List.of("ttft:50", "tpot:20"))).toJson()),
                    StandardCharsets.UTF_8);
            check("load-summary-metrics.json", summary);
        });
    }

    private static void check(String name, String actual) throws IOException {
        Golden.check(LoadGoldenFilesTest.class, name, actual);
    }
}
