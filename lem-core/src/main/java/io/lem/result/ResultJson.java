package io.lem.result;

import static io.lem.result.JsonFiles.number;
import static io.lem.result.JsonFiles.numberMap;
import static io.lem.result.JsonFiles.string;
import static io.lem.result.JsonFiles.strings;
import static io.lem.result.ResultFields.*;

import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * result.json, one experiment's figures. Written from a map built by the analysis (its key order and number forms
 * are sealed by golden files), read back into a {@link ResultFile}; every key is in {@link ResultFields}. Its JSON
 * Schema is {@code io/lem/result/schema/result.schema.json}.
 */
public final class ResultJson extends JsonDocumentFormat<ResultFile> {

    public static final String FILE = "result.json";
    /** Bumped when a field changes meaning or goes away. */
    public static final int VERSION = 1;

    ResultJson() {
        super("result", FILE);
    }

    @Override
    public ResultFile of(JsonNode json) {
        JsonNode e = json.path(EXPERIMENT);
        JsonNode m = json.path(METHODS);
        JsonNode t = json.path(TIMELINE);
        JsonNode b = json.path(BASELINE);
        JsonNode en = json.path(ENERGY);
        JsonNode s = json.path(STEADY_STATE);
        JsonNode r = json.path(REQUESTS);
        return new ResultFile(json.path(SCHEMA_VERSION).asInt(0), string(json, STUDY_NAME),
                new ResultFile.Experiment(e.path(INDEX).asInt(0), string(e, SLUG), string(e, CONFIG_HASH),
                        JsonFiles.plain(e.path(CONFIG))),
                new ResultFile.Methods(m.path(DOMAINS).valueStream().map(d -> new ResultFile.Domain(string(d, ID),
                        string(d, KIND), string(d, METHOD), d.path(ESTIMATED).asBoolean(false), string(d, SOURCE)))
                        .toList(), number(m, SAMPLE_RATE_HZ), strings(m.path(TOTAL_DOMAIN_IDS)),
                        strings(m.path(CPU_DOMAIN_IDS)), strings(m.path(DRAM_DOMAIN_IDS)),
                        strings(m.path(GPU_DOMAIN_IDS)), strings(m.path(LLM_DOMAIN_IDS)),
                        m.path(TOTAL_ESTIMATED).asBoolean(false)),
                new ResultFile.Timeline(string(t, WALL_CLOCK_ANCHOR), window(t.path(BASELINE)),
                        window(t.path(WARMUP)), window(t.path(MEASURED)), window(t.path(STEADY_STATE)),
                        window(t.path(AFTER)), string(t, WARMUP_STOPPED_BECAUSE)),
                new ResultFile.Baseline(number(b, DURATION_S), number(b, POWER_W), numberMap(b.path(POWER_W_BY_DOMAIN)),
                        number(b, AFTER_DURATION_S), number(b, AFTER_POWER_W), number(b, DRIFT)),
                new ResultFile.Energy(number(en, TOTAL_ENERGY_J), number(en, ACTIVE_ENERGY_J),
                        number(en, ACTIVE_ENERGY_RAW_J), number(en, CPU_ENERGY_J), number(en, DRAM_ENERGY_J),
                        number(en, GPU_ENERGY_J), number(en, LLM_ENERGY_J), en.path(ESTIMATED).asBoolean(false),
                        en.path(LLM_ENERGY_ESTIMATED).asBoolean(false), numberMap(en.path(ENERGY_J_BY_DOMAIN)),
                        numberMap(en.path(ACTIVE_ENERGY_J_BY_DOMAIN))),
                new ResultFile.SteadyState(string(s, RULE), number(s, DURATION_S), number(s, TOTAL_ENERGY_J),
                        number(s, ACTIVE_ENERGY_J), number(s, ACTIVE_ENERGY_RAW_J), number(s, OUTPUT_TOKENS),
                        number(s, JOULES_PER_OUTPUT_TOKEN), number(s, ACTIVE_JOULES_PER_OUTPUT_TOKEN),
                        number(s, TOKENS_PER_SECOND)),
                new ResultFile.Metrics(numberMap(json.path(METRICS)), string(json.path(METRICS), FLOPS_METHOD),
                        string(json.path(METRICS), FLOPS_CONFIDENCE)),
                new ResultFile.Requests(r.path(MEASURED).asLong(0), r.path(OK).asLong(0), r.path(FAILED).asLong(0),
                        r.path(WARMUP).asLong(0), number(r, ERROR_RATE)),
                strings(json.path(WARNINGS)), VerificationSection.of(json), loadGenerator(json.path(LOAD_GENERATOR)),
                carbon(json.path(CARBON)), gpuPowerLimit(json.path(GPU_POWER_LIMIT)));
    }

    private static ResultFile.GpuPowerLimit gpuPowerLimit(JsonNode l) {
        if (!l.isObject()) {
            return null;
        }
        return new ResultFile.GpuPowerLimit(number(l, "requested_w"), l.path(GPUS).valueStream()
                .map(g -> new ResultFile.GpuPowerLimit.Gpu(g.path(INDEX).asInt(0), string(g, "domain"),
                        number(g, "applied_w"), number(g, "previous_w"), number(g, "default_w"), number(g, "min_w"),
                        number(g, "max_w"))).toList());
    }

    private static ResultFile.LoadGenerator loadGenerator(JsonNode g) {
        if (!g.isObject()) {
            return null;
        }
        return new ResultFile.LoadGenerator(string(g, ENGINE), number(g, "cpu_s"), number(g, "wall_s"),
                g.path(REQUESTS).asLong(0), number(g, "cpu_us_per_request"), number(g, "estimated_energy_j"),
                g.path("energy_estimated").asBoolean(false), string(g, "energy_method"));
    }

    private static ResultFile.Carbon carbon(JsonNode c) {
        if (!c.isObject()) {
            return null;
        }
        return new ResultFile.Carbon(number(c, INTENSITY_G_PER_KWH), string(c, INTENSITY_SOURCE),
                string(c, INTENSITY_LABEL), number(c, PUE), number(c, WUE_L_PER_KWH), number(c, CO2_G),
                number(c, WATER_L), number(c, ACTIVE_CO2_G), number(c, ACTIVE_WATER_L), number(c, CO2_G_PER_REQUEST),
                number(c, WATER_L_PER_REQUEST), number(c, CO2_G_PER_1K_OUTPUT_TOKENS),
                number(c, WATER_L_PER_1K_OUTPUT_TOKENS));
    }

    /** A {start_s, end_s, duration_s} window; null when the file has none. */
    static Window window(JsonNode w) {
        if (!w.path(START_S).isNumber() || !w.path(END_S).isNumber()) {
            return null;
        }
        return new Window(w.path(START_S).doubleValue(), w.path(END_S).doubleValue(),
                w.path(DURATION_S).asDouble(w.path(END_S).doubleValue() - w.path(START_S).doubleValue()));
    }
}
