package io.lem.meter.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class NvmlOptionsEnvTest {

    @Test
    void explicitGpuListComesFromTheEnvironment() {
        assertThat(NvmlOptions.fromEnv(Map.of("LEM_NVML_GPUS", " 0, 2 ")).gpuIndices()).containsExactly(0, 2);
        assertThat(NvmlOptions.fromEnv(Map.of()).gpuIndices()).isEmpty();
        assertThatThrownBy(() -> NvmlOptions.fromEnv(Map.of("LEM_NVML_GPUS", "0,x")))
                .hasMessage("LEM_NVML_GPUS='0,x' is not a comma-separated list of GPU indices; fix: e.g. LEM_NVML_GPUS=0,1");
    }
}
