package io.lem.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark from measured runs: Wh per 1000 prompt tokens from the prefill windows and Wh per 1000 generated
 * tokens from the decode windows, each a ratio of sums (never the input guessed as a share of the total, the
 * original's dynamic benchmark, and never per total token for one and per output token for the other).
 */
public final class Calibration {

    private Calibration() {
    }

    /** Null when no report was measured (estimated runs cannot calibrate anything). */
    public static Benchmark benchmark(String name, List<Map<String, Object>> reports) {
        double prefillWh = 0;
        double decodeWh = 0;
        long prompt = 0;
        long generated = 0;
        List<String> used = new ArrayList<>();
        boolean estimatedMeter = false;
        for (Map<String, Object> r : reports) {
            if (RunReport.MODE_ESTIMATED.equals(r.get("mode")) || !(r.get("prefill_wh") instanceof Number p)
                    || !(r.get("decode_wh") instanceof Number d) || !(r.get("prompt_tokens") instanceof Number pt)) {
                continue;
            }
            estimatedMeter |= RunReport.MODE_LIVE_ESTIMATED_METER.equals(r.get("mode"));
            prefillWh += p.doubleValue();
            decodeWh += d.doubleValue();
            prompt += pt.longValue();
            generated += ((Number) r.get("output_tokens")).longValue() + ((Number) r.get("thinking_tokens")).longValue();
            used.add(String.valueOf(r.get("run_id")));
        }
        if (used.isEmpty() || prompt == 0 || generated == 0) {
            return null;
        }
        return new Benchmark(name, name.equals(LabService.LIVE_DYNAMIC) ? "live" : "calibrated",
                prefillWh / prompt * 1000, decodeWh / generated * 1000,
                String.format(Locale.ROOT, "measured by this Lab over %d run(s): %s", used.size(),
                        String.join(", ", used)),
                (estimatedMeter ? "estimated meter (CPU power model): " : "")
                        + "prefill energy per prompt token and decode energy per generated token, sums over the runs");
    }
}
