package io.lem.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task's node from a /proc-shaped tree: Slurm's node name, the CPU model, the driver's GPU models in bus order. */
class HardwareProbeTest {

    @TempDir
    Path proc;

    @Test
    void readsTheDriversGpuModelsAndSlurmsNodeName() throws IOException {
        Files.writeString(proc.resolve("cpuinfo"), "processor\t: 0\nmodel name\t: AMD EPYC 9654 96-Core Processor\n");
        // the NVIDIA driver's layout: one directory per PCI bus id, "Model:" padded with tabs
        for (String[] gpu : List.of(new String[] {"0000:c1:00.0", "NVIDIA H200"},
                new String[] {"0000:41:00.0", "NVIDIA H100 80GB HBM3"})) {
            Path bus = Files.createDirectories(proc.resolve("driver/nvidia/gpus").resolve(gpu[0]));
            Files.writeString(bus.resolve("information"), "Model: \t\t " + gpu[1] + "\nIRQ:   \t\t 35\n"
                    + "GPU UUID: \t GPU-0000\n");
        }
        UnitStatus.NodeHardware hw = HardwareProbe.probe(proc, Map.of("SLURMD_NODENAME", "gpu-07",
                "CUDA_VISIBLE_DEVICES", "0"));
        assertThat(hw).isEqualTo(new UnitStatus.NodeHardware("gpu-07", "AMD EPYC 9654 96-Core Processor",
                List.of("NVIDIA H100 80GB HBM3", "NVIDIA H200"), "0"));
        assertThat(hw.kind()).isEqualTo("AMD EPYC 9654 96-Core Processor + NVIDIA H100 80GB HBM3, NVIDIA H200");
    }

    @Test
    void noDriverIsNoGpus() throws IOException {
        Files.writeString(proc.resolve("cpuinfo"), "model name\t: Xeon\n");
        UnitStatus.NodeHardware hw = HardwareProbe.probe(proc, Map.of("SLURMD_NODENAME", "cpu-01"));
        assertThat(hw.gpus()).isEmpty();
        assertThat(hw.visibleGpus()).isNull();
        assertThat(hw.kind()).isEqualTo("Xeon");
    }
}
