package io.lem.lab;

import io.lem.analysis.PowerSummary;

/**
 * The energy of one window of a run (prefill, decode or total), in joules.
 *
 * @param energyJ       the total's domains over the window (package + dram, or psys; plus GPUs)
 * @param activeJ       above the idle baseline; NaN when the baseline exceeds the load (never silently 0)
 * @param activeRawJ    the raw difference, negative values kept, NaN without a baseline
 * @param gpuEnergyJ    the GPUs' share, NaN without a GPU meter
 * @param llmEnergyJ    the engine process's share (E_llm), NaN without a process meter
 * @param meanPowerW    energy / duration
 */
public record WindowFigures(double startS, double durationS, double energyJ, double activeJ, double activeRawJ,
                            double gpuEnergyJ, double llmEnergyJ, double meanPowerW) {

    public static final WindowFigures NONE = new WindowFigures(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN);

    static WindowFigures of(PowerSummary s, double startS) {
        return new WindowFigures(startS, s.durationS(), s.figures().totalEnergyJ(), s.totalActive().energyJ(),
                s.totalActive().rawJ(), s.figures().gpuEnergyJ(), s.figures().llmEnergyJ(), s.meanTotalPowerW());
    }
}
