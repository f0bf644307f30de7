package io.lem.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.lem.config.ExperimentConfig;
import io.lem.engine.EngineDrivers;

/**
 * A point's validity over its measured cycles: the union of the cycles' reason codes ({@link CycleValidity}), and
 * publishable when it has a measured cycle and no reason; beside it the GPU-only and whole-node J/output-token and
 * the per-request energy both ways, as means over the cycles. Written into study.json per point.
 *
 * @param batchLimit the engine's B from the point's keys (its driver's rule); 0 when unknown or unlimited
 */
public record PointValidity(int batchLimit, List<CycleValidity> cycles) {

    public PointValidity {
        cycles = List.copyOf(cycles);
    }

    public List<String> reasons() {
        Set<String> found = new LinkedHashSet<>();
        cycles.forEach(c -> found.addAll(c.reasons()));
        return CycleValidity.CODES.stream().filter(found::contains).toList();
    }

    public boolean publishable() {
        return !cycles.isEmpty() && reasons().isEmpty();
    }

    /**
     * B as the point's engine driver gives it; an engine type without a driver on the class path (a test's stand-in)
     * falls back to {@code engine.parallel}, the embedded engine's slots.
     */
    static int batchLimit(ExperimentConfig config) {
        try {
            return EngineDrivers.discover().forType(config.engine().type()).batchLimit(config.engine());
        } catch (RuntimeException e) {
            return config.engine().parallel();
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reasons", reasons());
        json.put("cycle_reasons", cycles.stream().map(CycleValidity::reasons).toList());
        json.put("batch_limit", batchLimit > 0 ? batchLimit : null);
        List<RunningBatch> batches = cycles.stream().map(CycleValidity::runningBatch)
                .filter(java.util.Objects::nonNull).toList();
        json.put("mean_running_batch", batches.isEmpty() ? null : finite(batches.stream()
                .mapToDouble(RunningBatch::meanRunning).average().orElse(Double.NaN)));
        json.put("running_batch_source", batches.isEmpty() ? null : batches.getFirst().source());
        Map<String, Object> gpus = new LinkedHashMap<>();
        gpus.put("counted", cycles.isEmpty() ? List.of() : cycles.getFirst().gpus().counted());
        gpus.put("idle", cycles.isEmpty() ? List.of() : cycles.getFirst().gpus().idle());
        gpus.put("gpu_j_per_output_token", gpuJPerOutputToken());
        gpus.put("node_j_per_output_token", mean(c -> c.gpus().nodeJPerOutputToken()));
        json.put("energy_scope", gpus);
        List<RequestEnergyComparison> cmp = cycles.stream().map(CycleValidity::requests)
                .filter(java.util.Objects::nonNull).toList();
        if (cmp.isEmpty()) {
            json.put("per_request_energy", null);
        } else {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("derived_steady_state", cmp.getFirst().steadyRule());
            r.put("cycles", cmp.size());
            r.put("steady_active_j_per_output_token", avg(cmp, RequestEnergyComparison::steadyJPerOutputToken));
            r.put("time_sharing_mean_j", avg(cmp, RequestEnergyComparison::meanTimeSharingJ));
            r.put("derived_mean_j", avg(cmp, RequestEnergyComparison::meanDerivedJ));
            r.put("mean_absolute_difference_j", avg(cmp, RequestEnergyComparison::meanAbsoluteDifferenceJ));
            r.put("mean_relative_difference", avg(cmp, RequestEnergyComparison::meanRelativeDifference));
            json.put("per_request_energy", r);
        }
        return json;
    }

    /** The GPU-only J/output-token, mean over the cycles; null without a GPU domain. */
    Double gpuJPerOutputToken() {
        return mean(c -> c.gpus().gpuJPerOutputToken());
    }

    private Double mean(ToDoubleFunction<CycleValidity> f) {
        return finite(cycles.stream().mapToDouble(f).average().orElse(Double.NaN));
    }

    private static Double avg(List<RequestEnergyComparison> list, ToDoubleFunction<RequestEnergyComparison> f) {
        return finite(new ArrayList<>(list).stream().mapToDouble(f).average().orElse(Double.NaN));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
