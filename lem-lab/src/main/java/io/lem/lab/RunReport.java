package io.lem.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.analysis.carbon.CarbonIntensity;

/**
 * The report of one run as the API serves and the database keeps it. Energies are joules inside; the Wh figures the
 * seed's users know are added at this edge. A run without meters is estimated from the session's benchmark, input
 * and output coefficients apart, and says "estimated" in {@code mode}, {@code estimated} and every label.
 */
public final class RunReport {

    public static final String MODE_LIVE = "live";
    public static final String MODE_LIVE_ESTIMATED_METER = "live (estimated meter)";
    public static final String MODE_ESTIMATED = "estimated";

    private RunReport() {
    }

    public static Map<String, Object> of(String runId, String jobId, int index, String created, Composition c,
                                         RunMeasurer.Measured m, LabEngine engine, Benchmark benchmark,
                                         CarbonIntensity carbon) {
        ChatExchange x = m.exchange();
        int generated = x.outputTokens() + x.thinkingTokens();
        int promptTokens = Math.max(0, x.promptTokens());
        Double estimateWh = benchmark == null ? null : benchmark.estimateWh(promptTokens, generated);
        double prefillJ;
        double decodeJ;
        String mode;
        if (m.measured()) {
            prefillJ = m.prefill().energyJ();
            decodeJ = m.decode().energyJ();
            mode = m.estimateLabel() == null ? MODE_LIVE : MODE_LIVE_ESTIMATED_METER;
        } else if (benchmark != null && benchmark.whPer1000InputTokens() != null) {
            prefillJ = benchmark.whPer1000InputTokens() * promptTokens / 1000.0 * 3600;
            decodeJ = benchmark.whPer1000OutputTokens() == null ? 0
                    : benchmark.whPer1000OutputTokens() * generated / 1000.0 * 3600;
            mode = MODE_ESTIMATED;
        } else {
            prefillJ = Double.NaN;
            decodeJ = Double.NaN;
            mode = MODE_ESTIMATED;
        }
        double totalJ = m.measured() ? m.total().energyJ() : prefillJ + decodeJ;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run_id", runId);
        r.put("job_id", jobId);
        r.put("index", index);
        r.put("created", created);
        r.put("model", c.model());
        r.put("status", x.cancelled() ? "cancelled" : x.error() != null ? "failed" : "ok");
        r.put("error", x.error());
        r.put("answer", x.answer());
        r.put("thinking_text", x.thinkingText());
        r.put("composition", composition(c));
        r.put("mode", mode);
        r.put("estimated", !mode.equals(MODE_LIVE));
        r.put("estimate_label", m.measured() ? m.estimateLabel() : benchmark == null ? "no meter and no benchmark"
                : "estimated from benchmark " + benchmark.name() + " (Wh per 1000 input and output tokens)");
        r.put("prompt_tokens", x.promptTokens() >= 0 ? x.promptTokens() : null);
        r.put("output_tokens", x.outputTokens());
        r.put("thinking_tokens", x.thinkingTokens());
        r.put("tokens_counted_by_server", x.tokensCounted());
        double durationS = (x.endNs() - x.sendNs()) / 1e9;
        r.put("ttft_ms", x.firstTokenNs() > 0 ? (x.firstTokenNs() - x.sendNs()) / 1e6 : null);
        r.put("duration_s", durationS);
        r.put("output_tokens_per_s", durationS > 0 ? generated / durationS : null);
        r.put("prefill_j", LabMaps.num(prefillJ));
        r.put("decode_j", LabMaps.num(decodeJ));
        r.put("total_j", LabMaps.num(totalJ));
        r.put("prefill_wh", LabMaps.wh(prefillJ));
        r.put("decode_wh", LabMaps.wh(decodeJ));
        r.put("total_wh", LabMaps.wh(totalJ));
        r.put("active_prefill_j", m.measured() ? LabMaps.num(m.prefill().activeJ()) : null);
        r.put("active_decode_j", m.measured() ? LabMaps.num(m.decode().activeJ()) : null);
        r.put("active_total_j", m.measured() ? LabMaps.num(m.total().activeJ()) : null);
        r.put("active_total_raw_j", m.measured() ? LabMaps.num(m.total().activeRawJ()) : null);
        r.put("idle_power_w", m.idlePowerW());
        r.put("mean_power_w", m.measured() ? LabMaps.num(m.total().meanPowerW()) : null);
        r.put("gpu_energy_j", m.measured() ? LabMaps.num(m.total().gpuEnergyJ()) : null);
        r.put("e_llm_j", m.measured() ? LabMaps.num(m.total().llmEnergyJ()) : null);
        r.putAll(m.mEff());
        r.put("wh_per_1000_output_tokens", x.outputTokens() > 0 ? LabMaps.num(totalJ / 3600 / x.outputTokens() * 1000) : null);
        r.put("wh_per_1000_total_tokens", promptTokens + generated > 0
                ? LabMaps.num(totalJ / 3600 / (promptTokens + generated) * 1000) : null);
        r.put("active_wh_per_1000_output_tokens", m.measured() && x.outputTokens() > 0
                ? LabMaps.num(m.total().activeJ() / 3600 / x.outputTokens() * 1000) : null);
        r.put("e_llm_wh_per_1000_output_tokens", m.measured() && x.outputTokens() > 0
                ? LabMaps.num(m.total().llmEnergyJ() / 3600 / x.outputTokens() * 1000) : null);
        r.put("energy_domains", m.domains());
        r.put("benchmark", benchmark == null ? null : benchmark.name());
        r.put("benchmark_estimate_wh", estimateWh);
        r.put("token_analysis", TokenAnalysis.of(c, engine.counter(), engine.countedBy(), x,
                Double.isFinite(prefillJ) ? prefillJ : 0, Double.isFinite(decodeJ) ? decodeJ : 0).toJson());
        r.put("carbon", carbon(totalJ, carbon));
        r.put("engine", engine.description());
        r.put("load_duration_ms", x.engineTimings() != null && x.engineTimings().loadDurationNs() >= 0
                ? x.engineTimings().loadDurationNs() / 1e6 : null);
        r.put("meters", m.meters());
        r.put("devices", m.devices());
        r.put("verification", m.verification() == null ? null : m.verification().toJson());
        r.put("warnings", m.warnings());
        return r;
    }

    static Map<String, Object> carbon(double totalJ, CarbonIntensity intensity) {
        if (intensity == null) {
            return null;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("zone", intensity.zone());
        c.put("g_per_kwh", intensity.gPerKwh());
        // a zero-carbon grid gives 0 g: it is a value, never replaced by a default factor
        c.put("grams_co2e", LabMaps.num(totalJ / 3.6e6 * intensity.gPerKwh()));
        c.put("source", intensity.label());
        return c;
    }

    private static Map<String, Object> composition(Composition c) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("query", c.query());
        j.put("system_prompt", c.systemPrompt());
        j.put("context", c.context());
        j.put("injections", c.injections().stream().map(i -> LabMaps.of("description", i.description(),
                "content", i.content())).toList());
        j.put("thinking", c.thinking());
        j.put("temperature", c.temperature());
        j.put("max_tokens", c.maxTokens());
        j.put("seed", c.seed());
        return j;
    }
}
