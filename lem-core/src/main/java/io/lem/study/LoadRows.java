package io.lem.study;

import java.util.LinkedHashMap;
import java.util.Map;

import io.lem.load.ArrivalProcess;
import io.lem.load.LoadRecord;
import io.lem.load.LoadSink;
import io.lem.result.Json;
import io.lem.result.JsonlWriter;

/**
 * The JSON of {@code lem load}'s files: one requests.jsonl row per request, and the arrival process.
 */
public final class LoadRows {

    private LoadRows() {
    }

    /**
     * The sink of lem load's requests.jsonl: each record encoded by {@link RequestLine} into {@code out}'s buffer, a
     * batch made durable at each flush. Safe to call from many threads (the blocking client's loops), though the load
     * engine calls it from its one writer thread.
     */
    public static LoadSink sink(JsonlWriter out, long anchorNs) {
        RequestLine line = new RequestLine(anchorNs);
        return new LoadSink() {
            @Override
            public synchronized void accept(LoadRecord record) {
                out.write(line.load(record));
            }

            @Override
            public void flush() {
                out.flush();
            }
        };
    }

    /**
     * The shared request row ({@link RequestRows#toJson}) with lem load's schedule in front: the portion (warm-up,
     * measured, cool-down) instead of the warm-up flag, the scheduled send and the generator's lateness.
     */
    public static Map<String, Object> toJson(LoadRecord load, long anchorNs) {
        // the reference form: the sink writes the same bytes through RequestLine
        Map<String, Object> request = RequestRows.toJson(load.request(), anchorNs);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", request.remove("id"));
        request.remove("warmup");
        row.put("portion", load.portion().jsonName());
        row.put("scheduled_s", load.scheduledNs() < 0 ? null : (load.scheduledNs() - anchorNs) / 1e9);
        row.put("lateness_ms", Json.finiteOrNull(load.latenessMs()));
        row.putAll(request);
        return row;
    }

    public static Map<String, Object> arrivalJson(ArrivalProcess process) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (process) {
            case ArrivalProcess.Closed c -> {
                json.put("type", "closed");
                json.put("concurrency", c.concurrency());
            }
            case ArrivalProcess.ConstantRate c -> {
                json.put("type", "constant");
                json.put("rate_per_s", c.rps());
            }
            case ArrivalProcess.Poisson p -> {
                json.put("type", "poisson");
                json.put("rate_per_s", p.rps());
            }
            case ArrivalProcess.Gamma g -> {
                json.put("type", "gamma");
                json.put("rate_per_s", g.rps());
                json.put("burstiness", g.burstiness());
            }
            case ArrivalProcess.TraceReplay t -> {
                json.put("type", "trace");
                json.put("rows", t.rows().size());
            }
        }
        return json;
    }
}
