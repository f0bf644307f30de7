package io.lem.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.lem.result.AtomicFiles;
import io.lem.result.Json;
import io.lem.verify.gpu.CounterComparison;
import io.lem.verify.gpu.PowerCsvTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lem power compare CSV}: NVML's energy counter against integrated instant and averaged power over sliding
 * windows (scripts/gpu-check.sh). Hidden: a verification tool for the kit, not a measurement.
 */
@Command(name = "compare", hidden = true, mixinStandardHelpOptions = true,
        description = {
                "Compares each GPU's energy counter with its integrated power readings in a power.csv.",
                "",
                "Integrates instant and 1 s-averaged power over sliding windows and prints JSON."})
final class PowerCompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CSV", description = "A power.csv from lem power log or lem run.")
    Path csv;

    @Option(names = "--from", paramLabel = "S", description = "Span start in the file's t_s (default: the busy span).")
    Double fromS;

    @Option(names = "--to", paramLabel = "S", description = "Span end in the file's t_s (default: the busy span).")
    Double toS;

    @Option(names = "--windows", split = ",", paramLabel = "S",
            description = "Window lengths in seconds (default: 0.5,2,10).")
    List<Double> windowsS = new ArrayList<>(CounterComparison.DEFAULT_WINDOWS_S);

    @Option(names = "--output", paramLabel = "FILE.json", description = "Also write the JSON to this file.")
    Path output;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> json = CounterComparison.compare(PowerCsvTable.read(csv), csv.toString(), fromS, toS,
                windowsS);
        String text = Json.pretty().writeValueAsString(json);
        if (output != null) {
            AtomicFiles.write(output, (text + "\n").getBytes(StandardCharsets.UTF_8));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(text);
        out.flush();
        return 0;
    }
}
