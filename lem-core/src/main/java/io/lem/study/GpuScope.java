package io.lem.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which measured GPUs an experiment's engine was given, and its J/output-token over them alone (comparable with
 * ML.ENERGY and AI Energy Score, which count the engine's GPUs only) beside the whole node's (those GPUs + CPU +
 * DRAM). lem's domain policy sums every measured GPU into the total; the GPU meters already follow
 * CUDA_VISIBLE_DEVICES, so the selection here is the tensor-parallel size of the point's keys: the engine uses
 * the first N visible GPUs (CUDA's order), and the others are reported as idle and left out of both figures.
 * Without a tensor-parallel key every measured GPU counts.
 *
 * @param counted     GPU domain ids summed in
 * @param idle        measured GPU domain ids the engine was not given
 * @param gpuJPerOutputToken  counted GPUs' energy / output tokens; NaN without a GPU domain
 * @param nodeJPerOutputToken (counted GPUs + CPU + DRAM) / output tokens
 */
record GpuScope(List<String> counted, List<String> idle, double gpuJPerOutputToken, double nodeJPerOutputToken) {

    /** Keys that give the number of GPUs an engine spreads its model over, per engine. */
    static final List<String> TENSOR_PARALLEL_KEYS = List.of("engine.vllm.tensor_parallel_size",
            "engine.sglang.tp_size", "engine.trtllm.tp_size", "engine.tgi.num_shard");

    /**
     * @param gpuIds         result.json's methods.gpu_domain_ids
     * @param energyJByDomain energy.energy_j_by_domain
     * @param otherIds       the CPU and DRAM domain ids that make up the rest of the node
     */
    static GpuScope of(Map<String, Object> config, List<String> gpuIds, List<String> otherIds,
                       Map<String, Double> energyJByDomain, double outputTokens) {
        List<String> gpus = new ArrayList<>(gpuIds);
        gpus.sort(Comparator.comparingInt(GpuScope::ordinal).thenComparing(Comparator.naturalOrder()));
        int tensorParallel = tensorParallel(config);
        int n = tensorParallel > 0 ? Math.min(gpus.size(), tensorParallel) : gpus.size();
        List<String> counted = gpus.subList(0, n);
        double gpuJ = counted.stream().mapToDouble(id -> energyJByDomain.getOrDefault(id, Double.NaN)).sum();
        double otherJ = otherIds.stream().mapToDouble(id -> energyJByDomain.getOrDefault(id, Double.NaN)).sum();
        return new GpuScope(List.copyOf(counted), List.copyOf(gpus.subList(n, gpus.size())),
                counted.isEmpty() ? Double.NaN : gpuJ / outputTokens, (gpuJ + otherJ) / outputTokens);
    }

    /**
     * The point's tensor-parallel size: the smallest that a {@link #TENSOR_PARALLEL_KEYS} key gives, 0 when none does
     * (every selected GPU). The power limit is set on the GPUs this counts.
     */
    static int tensorParallel(Map<String, Object> config) {
        int size = 0;
        for (String key : TENSOR_PARALLEL_KEYS) {
            if (config.get(key) != null) {
                int given = Integer.parseInt(String.valueOf(config.get(key)).strip());
                size = size == 0 ? given : Math.min(size, given);
            }
        }
        return size;
    }

    private static int ordinal(String id) {
        String digits = id.replaceAll("\\D", "");
        return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }
}
