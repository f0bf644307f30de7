package io.lem.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.lem.meter.nvml.GpuInfo;
import io.lem.meter.nvml.GpuInventory;
import io.lem.meter.nvml.NvmlOptions;
import io.lem.result.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lem power gpus}: the GPUs as NVML describes them, as JSON ({@code environment.gpus} of result.json), so
 * that the GPU kit's report names the hardware and driver it measured. Hidden: a tool for the kit.
 */
@Command(name = "gpus", hidden = true, mixinStandardHelpOptions = true,
        description = "Prints the GPUs NVML sees as JSON (name, driver, power limits, counter support).")
final class PowerGpusCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // a missing or failing NVML is an NvmlException, a MeterException: one line, exit 2
        List<Map<String, Object>> gpus = GpuInventory.list(NvmlOptions.system()).stream().map(GpuInfo::toJson)
                .toList();
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.pretty().writeValueAsString(gpus));
        out.flush();
        return 0;
    }
}
