package io.lem.report.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * lem's points against ML.ENERGY leaderboard v2 runs: a lem point is matched with the run at the same batch limit B
 * (their Max BS, the engine's max_num_seqs), preferring the same model, then the same GPU. What the two figures
 * share and what they do not is part of the result ({@link #COMPARABLE}, {@link #NOT_COMPARABLE}), so that it is
 * printed wherever the comparison is.
 */
public record MlEnergyComparison(List<Pair> matched, List<LemGpuPoint> lemOnly, List<MlEnergyRun> mlEnergyOnly) {

    /** @param ratio lem's GPU-only J/output-token over theirs; null without a GPU meter in lem's run */
    public record Pair(LemGpuPoint lem, MlEnergyRun mlEnergy, Double ratio, boolean sameModel, boolean sameGpu) {
    }

    public static final List<String> COMPARABLE = List.of(
            "J/output token: theirs is Energy/req (J) / Avg Output Tokens, which undoes their per-request derivation"
                    + " (steady-state J/token x output tokens) exactly; lem's GPU column is the GPU domains' energy"
                    + " / output tokens",
            "batch limit B: their Max BS is the engine's max_num_seqs; lem's B is the engine's batch limit"
                    + " (engine.vllm.max_num_seqs, the embedded engine's slots)",
            "throughput (output tokens/s) and TPOT (their Avg TPOT x 1000 ms; lem's mean of per-request TPOT)");

    public static final List<String> NOT_COMPARABLE = List.of(
            "scope: theirs is GPU energy only (NVML, the TP x PP GPUs serving the model); lem's node column also counts"
                    + " CPU and DRAM (and is the only figure without a GPU meter): compare the GPU column",
            "window: theirs is the steady state from B requests having their first token to N - B having it, all N"
                    + " requests sent at once; lem's figures here are over its measured window (first send to last"
                    + " end: ramp-up and drain included, so lem's J/token is higher at low load); lem's"
                    + " steady_state.batch_limit_window in result.json applies their rule when the load releases"
                    + " all requests together",
            "per-request energy: theirs is derived (steady J/token x tokens); lem's requests table attributes measured"
                    + " energy to each request (time sharing, token proportional): do not compare those columns",
            "workload: their prompts are ShareGPT with the model's own output lengths; lem's are whatever the study"
                    + " ran (the model and GPU columns say whether those match)",
            "stability: their data checks drop runs whose mean running batch is under 85 % of B (marked"
                    + " 'underfilled' here); estimated lem energy (*) is a model, not a counter");

    public static MlEnergyComparison of(List<LemGpuPoint> lem, List<MlEnergyRun> runs) {
        List<Pair> matched = new ArrayList<>();
        List<LemGpuPoint> lemOnly = new ArrayList<>();
        List<MlEnergyRun> rest = new ArrayList<>(runs);
        for (LemGpuPoint p : lem) {
            MlEnergyRun best = rest.stream().filter(r -> p.batchLimit() != null && r.batchLimit() == p.batchLimit())
                    .max(java.util.Comparator.comparingInt((MlEnergyRun r) -> (sameModel(p, r) ? 2 : 0)
                            + (sameGpu(p, r) ? 1 : 0)))
                    .orElse(null);
            if (best == null) {
                lemOnly.add(p);
                continue;
            }
            rest.remove(best);
            Double ratio = p.gpuJoulesPerOutputToken() == null ? null
                    : p.gpuJoulesPerOutputToken() / best.joulesPerOutputToken();
            matched.add(new Pair(p, best, ratio, sameModel(p, best), sameGpu(p, best)));
        }
        return new MlEnergyComparison(matched, lemOnly, rest);
    }

    private static boolean sameModel(LemGpuPoint p, MlEnergyRun r) {
        return Objects.equals(p.model(), r.model());
    }

    /** Their GPU names are NVML's ("NVIDIA H100 80GB HBM3"), as lem records them, and they count TP x PP GPUs. */
    private static boolean sameGpu(LemGpuPoint p, MlEnergyRun r) {
        return Objects.equals(p.gpuName(), r.gpu());
    }
}
