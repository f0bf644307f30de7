package io.lem.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.report.model.RunData;
import io.lem.result.JsonFiles;
import io.lem.result.PowerTable;
import io.lem.result.RequestEnergyRow;
import io.lem.result.RequestRow;
import io.lem.result.ResultFile;
import io.lem.result.ResultFormats;
import io.lem.result.SummaryFile;
import io.lem.result.Window;
import tools.jackson.databind.node.ObjectNode;

/** Reads one run's directory through lem-core's readers; a missing optional file becomes a note, not a failure. */
final class RunReader {

    private RunReader() {
    }

    static boolean isRun(Path dir) {
        return Files.isRegularFile(ResultFormats.RESULT.in(dir)) || Files.isRegularFile(ResultFormats.SUMMARY.in(dir));
    }

    static RunData read(Path dir, String label) {
        List<String> notes = new ArrayList<>();
        ResultFile result = null;
        SummaryFile summary = null;
        Map<String, Object> tree = Map.of();
        Map<String, Window> windows = new LinkedHashMap<>();
        if (Files.isRegularFile(ResultFormats.RESULT.in(dir))) {
            // parsed once: the typed view and the tree for what it leaves out
            ObjectNode node = ResultFormats.RESULT.tree(ResultFormats.RESULT.in(dir));
            tree = JsonFiles.plain(node);
            result = ResultFormats.RESULT.of(node);
            ResultFile.Timeline t = result.timeline();
            if (t != null) {
                put(windows, "baseline", t.baseline());
                put(windows, "warm-up", t.warmup());
                put(windows, "measured", t.measured());
                put(windows, "steady state", t.steadyState());
            }
        } else {
            summary = ResultFormats.SUMMARY.readIn(dir);
            if (summary.energy() != null) {
                put(windows, "baseline", summary.energy().baselineWindow());
                put(windows, "measured", summary.energy().window());
            }
        }
        List<RequestRow> requests = optional(dir, ResultFormats.REQUESTS.fileName(), notes, label)
                ? ResultFormats.REQUESTS.readIn(dir) : List.of();
        PowerTable power = optional(dir, ResultFormats.POWER.fileName(), notes, label)
                ? ResultFormats.POWER.readIn(dir) : null;
        List<RequestEnergyRow> energy = result != null
                && optional(dir, ResultFormats.REQUEST_ENERGY.fileName(), notes, label)
                ? ResultFormats.REQUEST_ENERGY.readIn(dir) : List.of();
        return new RunData(label, dir, result, summary, tree, requests, power, energy, windows, notes);
    }

    private static void put(Map<String, Window> windows, String name, Window w) {
        if (w != null) {
            windows.put(name, w);
        }
    }

    private static boolean optional(Path dir, String file, List<String> notes, String label) {
        if (Files.isRegularFile(dir.resolve(file))) {
            return true;
        }
        notes.add(label + ": no " + file + " in this directory");
        return false;
    }
}
