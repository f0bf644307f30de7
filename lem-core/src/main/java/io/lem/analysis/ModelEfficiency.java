package io.lem.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Energy Lab's M_eff (docs/methodology.md): the model's energy E_llm (or the total when no process meter ran)
 * scaled by the share of the window the engine reports as evaluating, i.e. the sum of its prompt_eval + eval
 * durations over the window's requests, clamped to [0, 1]. Undefined when the engine reports no durations.
 */
public final class ModelEfficiency {

    public static final String DEFINITION = "E_llm x clamp(sum of engine-reported prompt_eval + eval durations / window,"
            + " 0, 1) (Energy Lab); deviation = |M_eff - E_llm| / E_llm";

    private ModelEfficiency() {
    }

    /**
     * The {@code m_eff_*} fields of an energy section.
     *
     * @param engineActiveNs Σ of the engine's evaluation durations, or negative when any request lacks them
     * @param windowNs       the measured window
     * @param llmEnergyJ     E_llm, or null without a process meter
     * @param totalEnergyJ   the window's total, or null
     */
    public static Map<String, Object> json(long engineActiveNs, long windowNs, Number llmEnergyJ, Number totalEnergyJ) {
        Number base = llmEnergyJ != null ? llmEnergyJ : totalEnergyJ;
        Map<String, Object> json = new LinkedHashMap<>();
        if (engineActiveNs < 0 || base == null || windowNs <= 0) {
            json.put("m_eff_j", null);
            json.put("m_eff_deviation", null);
            return json;
        }
        double e = base.doubleValue();
        double mEff = e * Math.clamp((double) engineActiveNs / windowNs, 0, 1);
        json.put("m_eff_j", mEff);
        json.put("m_eff_deviation", e == 0 ? null : Math.abs(mEff - e) / e);
        json.put("m_eff_definition", DEFINITION);
        return json;
    }
}
