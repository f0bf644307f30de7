package io.lem.study;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.lem.result.Json;
import io.lem.result.JsonFiles;
import io.lem.result.ResultFormats;

/**
 * An {@link Executor} that runs nothing: for each unit it writes the golden result.json with the figures its script
 * gives, or reports the status the script asks for. The study runner and its statistics read those files back as
 * they would a real run's, so the test knows every per-cycle value exactly.
 */
final class ScriptedExecutor implements Executor {

    /** What one unit does: write these figures, or end with this status. */
    record Step(RunStatus status, double joulesPerOutputToken, double ttftMs, double tpotMs, double activeEnergyJ,
                double inputTokens, double outputTokens) {

        static Step done(double jpt, double ttftMs) {
            return new Step(RunStatus.DONE, jpt, ttftMs, ttftMs / 10, jpt * 64, 83, 64);
        }

        static Step ended(RunStatus status) {
            return new Step(status, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        }
    }

    /** Edits a unit's result.json before it is written, and may write the run's other files into its directory. */
    interface Tweak {
        void apply(Unit unit, Map<String, Object> resultJson) throws IOException;
    }

    private final Function<Unit, Step> script;
    private final Tweak tweak;
    final List<String> calls = new ArrayList<>();

    ScriptedExecutor(Function<Unit, Step> script) {
        this(script, (unit, json) -> { });
    }

    ScriptedExecutor(Function<Unit, Step> script, Tweak tweak) {
        this.script = script;
        this.tweak = tweak;
    }

    @Override
    public UnitOutcome execute(Unit unit) throws IOException {
        calls.add(unit.point() + "." + unit.cycle());
        Step step = script.apply(unit);
        if (step.status() != RunStatus.DONE) {
            return UnitOutcome.ended(step.status(), "scripted " + step.status().jsonName(), null);
        }
        Map<String, Object> json = golden();
        Map<String, Object> metrics = map(json, "metrics");
        metrics.put("joules_per_output_token", step.joulesPerOutputToken());
        metrics.put("active_joules_per_output_token", step.activeEnergyJ() / step.outputTokens());
        metrics.put("ttft_median_ms", step.ttftMs());
        metrics.put("input_tokens", step.inputTokens());
        metrics.put("output_tokens", step.outputTokens());
        map(json, "energy").put("active_energy_j", step.activeEnergyJ());
        map(map(json, "latency"), "ttft").put("median_ms", step.ttftMs());
        map(map(json, "latency"), "tpot").put("median_ms", step.tpotMs());
        Files.createDirectories(unit.dir());
        tweak.apply(unit, json);
        ResultFormats.RESULT.write(unit.dir().resolve("result.json"), json);
        return UnitOutcome.done(null);
    }

    private static Map<String, Object> golden() throws IOException {
        try (InputStream in = ScriptedExecutor.class.getResourceAsStream("/golden/result.json")) {
            return new LinkedHashMap<>(JsonFiles.plain(Json.compact().readTree(in)));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) parent.get(key));
        parent.put(key, copy);
        return copy;
    }
}
