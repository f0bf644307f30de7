package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which GPUs a point's engine was given: the tensor-parallel size its keys give, and the figures over those alone. */
class GpuScopeTest {

    @Test
    void theTensorParallelSizeIsTheSmallestAKeyGivesAndNoneMeansEveryGpu() {
        assertThat(GpuScope.tensorParallel(Map.of("engine.parallel", 4))).isZero();
        assertThat(GpuScope.tensorParallel(Map.of("engine.vllm.tensor_parallel_size", " 2 "))).isEqualTo(2);
        assertThat(GpuScope.tensorParallel(Map.of("engine.vllm.tensor_parallel_size", 4, "engine.sglang.tp_size", 2)))
                .isEqualTo(2);
    }

    @Test
    void theFirstGpusInCudaOrderAreCountedAndTheRestReportedIdle() {
        // gpu10 sorts after gpu2 by ordinal, not by text; 40 J on gpu0 + 20 J on cpu over 10 tokens
        GpuScope scope = GpuScope.of(Map.of("engine.sglang.tp_size", 1), List.of("gpu10", "gpu0"), List.of("cpu"),
                Map.of("gpu0", 40.0, "gpu10", 99.0, "cpu", 20.0), 10);
        assertThat(scope.counted()).containsExactly("gpu0");
        assertThat(scope.idle()).containsExactly("gpu10");
        assertThat(scope.gpuJPerOutputToken()).isEqualTo(4.0);
        assertThat(scope.nodeJPerOutputToken()).isEqualTo(6.0);
        assertThat(GpuScope.of(Map.of(), List.of("gpu0", "gpu1"), List.of(), Map.of("gpu0", 1.0, "gpu1", 2.0), 1)
                .counted()).containsExactly("gpu0", "gpu1");
    }
}
