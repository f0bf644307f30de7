package io.lem.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.lem.meter.CpuPowerModel;
import io.lem.study.ExperimentSummary;
import io.lem.study.StudyResult;

/** The table {@code lem run} prints: one row per experiment, then the meter and what the energy covers. */
final class SummaryTable {

    private SummaryTable() {
    }

    static void print(StudyResult result, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "experiment", "slots", "conc", "ok/fail", "out tok", "J/out tok",
                "active J/out tok", "engine J/out tok", "out tok/s", "TTFT p50 ms", "E2E p50 ms", "idle W", "meter"});
        Set<String> notes = new LinkedHashSet<>();
        for (StudyResult.Outcome o : result.outcomes()) {
            ExperimentSummary s = o.summary();
            if (s == null) {
                rows.add(new String[] {Integer.toString(o.index()), o.slug(), "", "", "", "", "", "", "", "", "", "", "",
                        o.status() + (o.error() == null ? "" : ": " + o.error())});
                continue;
            }
            String mark = s.estimated() ? "*" : "";
            String engineMark = s.llmEstimated() ? "*" : "";
            rows.add(new String[] {Integer.toString(s.index()), s.slug(), Integer.toString(s.parallel()),
                    Integer.toString(s.concurrency()), s.requestsOk() + "/" + s.requestsFailed(),
                    Long.toString(s.outputTokens()), num(s.joulesPerOutputToken(), 4) + mark,
                    num(s.activeJoulesPerOutputToken(), 4) + mark, num(s.engineJoulesPerOutputToken(), 4) + engineMark,
                    num(s.outputTokensPerS(), 1),
                    num(s.ttftMedianMs(), 1), num(s.e2eMedianMs(), 1), num(s.baselinePowerW(), 2) + mark, s.meter()});
            notes.add("energy covers: " + s.energyScope() + "; engine = the engine's process tree (E_llm)");
            if (s.estimated() || s.llmEstimated()) {
                s.warnings().stream().filter(w -> w.startsWith("estimate used")).findFirst()
                        .ifPresent(w -> notes.add("* " + w));
                if (s.llmEstimated()) {
                    notes.add("* engine: the engine's CPU time x the CPU power model (estimate; "
                            + CpuPowerModel.VALIDATION_ERROR + ")");
                }
            }
            s.warnings().stream().filter(w -> w.startsWith("short run") || w.startsWith("baseline not valid"))
                    .forEach(w -> notes.add("note: " + w));
        }
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        out.println();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                boolean left = c == 1 || c == row.length - 1;
                String cell = left ? String.format("%-" + widths[c] + "s", row[c]) : String.format("%" + widths[c] + "s", row[c]);
                line.append(c == 0 ? "" : "  ").append(cell);
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
        notes.forEach(out::println);
        out.println("results: " + result.dir());
    }

    private static String num(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "n/a";
    }
}
