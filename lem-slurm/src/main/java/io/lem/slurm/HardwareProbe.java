package io.lem.slurm;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.lem.result.Environment;

/**
 * The node a task landed on, from files alone (no nvidia-smi): the CPU model as result.json records it
 * ({@link Environment}), the GPU models from the NVIDIA driver's {@code /proc/driver/nvidia/gpus/<bus>/information}.
 */
final class HardwareProbe {

    private HardwareProbe() {
    }

    static UnitStatus.NodeHardware probe(Path procRoot, Map<String, String> env) {
        return new UnitStatus.NodeHardware(node(env), Environment.probe(procRoot, null).cpuModel(),
                gpus(procRoot.resolve("driver/nvidia/gpus")), env.get("CUDA_VISIBLE_DEVICES"));
    }

    /** Slurm's name for the node, which squeue shows; the host name outside Slurm. */
    private static String node(Map<String, String> env) {
        String slurm = env.get("SLURMD_NODENAME");
        if (slurm != null && !slurm.isBlank()) {
            return slurm;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static List<String> gpus(Path driverGpus) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(driverGpus)) {
            return names;
        }
        try (Stream<Path> buses = Files.list(driverGpus)) {
            for (Path bus : buses.sorted().toList()) {
                for (String line : Files.readAllLines(bus.resolve("information"))) {
                    if (line.startsWith("Model:")) {
                        names.add(line.substring("Model:".length()).strip());
                    }
                }
            }
        } catch (IOException e) {
            names.add("unreadable " + driverGpus + ": " + e.getMessage());
        }
        return names;
    }
}
