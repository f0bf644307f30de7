package io.lem.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.lem.analysis.stats.Anova;
import io.lem.analysis.stats.AnovaOutcome;
import io.lem.analysis.stats.FactorImportance;
import io.lem.analysis.stats.ParetoFront;
import io.lem.analysis.stats.PointSummary;
import io.lem.analysis.stats.SelectionPoint;
import io.lem.result.ResultFields;
import io.lem.study.FiguresBasis;
import io.lem.study.PointResult;
import io.lem.study.RunStatus;
import io.lem.study.StudyAnalysis;
import io.lem.study.StudyResult;

/**
 * The study summary {@code lem run} prints after a swept or repeated study: one row per point with the mean and
 * 95 % CI of J/output-token over its cycles, then the factors by η², the Pareto fronts and the SLO choice. Every
 * figure is study.json's.
 */
final class StudyTable {

    private StudyTable() {
    }

    /** @param resultsLine whether to end with the study directory (not when the per-run table above already did) */
    static void print(StudyResult result, PrintWriter out, boolean resultsLine) {
        StudyAnalysis a = result.analysis();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "hash", "point", "cycles", "J/out tok", "95% CI", "out tok/s", "TTFT p50 ms",
                "E2E p50 ms", "FLOP/J est.", "gCO2e/1k out est.", "precision", "publishable"});
        java.util.Set<String> bases = new java.util.LinkedHashSet<>();
        for (PointResult p : a.points()) {
            PointSummary jpt = p.joulesPerOutputToken();
            PointSummary tps = p.metrics().get(ResultFields.TOKENS_PER_SECOND);
            PointSummary ttft = p.metrics().get(ResultFields.TTFT_MEDIAN_MS);
            PointSummary e2e = p.metrics().get(ResultFields.E2E_LATENCY_MEDIAN_MS);
            PointSummary flopsPerJ = p.metrics().get(ResultFields.FLOPS_PER_JOULE);
            PointSummary co2 = p.metrics().get(ResultFields.CO2_G_PER_1K_OUTPUT_TOKENS);
            bases.add(basis(p.basis()));
            long ok = p.cycles().stream().filter(RunStatus::measured).count();
            rows.add(new String[] {Integer.toString(p.point().index()), p.point().hash8(), p.point().label(),
                    ok + "/" + p.cycles().size(), jpt == null ? "n/a" : num(jpt.mean(), 4),
                    jpt == null || Double.isNaN(jpt.ci().lower()) ? "n/a"
                            : "[" + num(jpt.ci().lower(), 4) + ", " + num(jpt.ci().upper(), 4) + "]",
                    tps == null ? "n/a" : num(tps.mean(), 1), ttft == null ? "n/a" : num(ttft.mean(), 1),
                    e2e == null ? "n/a" : num(e2e.mean(), 1), flopsPerJ == null ? "n/a" : sci(flopsPerJ.mean()),
                    co2 == null ? "n/a" : num(co2.mean(), 4), p.precision() == null ? "" : p.precisionReached()
                    ? "reached" : p.precision().name().toLowerCase(Locale.ROOT),
                    p.validity().publishable() ? "yes" : p.validity().cycles().isEmpty() ? "n/a"
                    : "no: " + String.join(" ", p.validity().reasons())});
        }
        out.println();
        table(rows, out);
        bases.forEach(out::println);
        if (result.summaries().stream().anyMatch(s -> s.estimated())) {
            out.println("energy of this call's runs is (in part) estimated, not read from a counter: see each "
                    + "result.json's methods and warnings");
        }
        if (a.factors() != null) {
            out.println();
            out.println("factors of J/out tok, by eta squared (SS_between / SS_total):");
            for (FactorImportance f : a.factors().factors()) {
                StringBuilder levels = new StringBuilder();
                f.levels().forEach(l -> levels.append(levels.isEmpty() ? "" : ", ").append(l.level()).append(": ")
                        .append(num(l.mean(), 4)));
                out.printf(Locale.ROOT, "  %-28s eta^2 %s  max/min %s  (%s)%n", f.factor(), num(f.etaSquared(), 3),
                        num(f.maxMinRatio(), 3), levels);
            }
        }
        if (a.anova() instanceof Anova anova) {
            out.println("two-way ANOVA (balanced design):");
            for (Anova.Term t : anova.terms()) {
                out.printf(Locale.ROOT, "  %-40s df %d  eta^2 %s  p %s%n", t.name(), t.df(), num(t.etaSquared(), 3),
                        num(t.p(), 4));
            }
        } else if (a.anova() instanceof AnovaOutcome.NotApplicable n) {
            out.println("no two-way ANOVA: " + n.reason());
        }
        front("Pareto front, energy vs latency (E2E p50)", a.energyLatency(), out);
        front("Pareto front, energy vs throughput", a.energyThroughput(), out);
        if (a.slo() != null) {
            out.println("lowest J/out tok meeting " + a.slo().slo() + ": " + (a.slo().selected() == null ? "none"
                    : a.slo().selected().id() + " (" + num(a.slo().selected()
                    .metric(SelectionPoint.JOULES_PER_OUTPUT_TOKEN), 4) + " J/out tok)"));
        }
        if (a.phaseSplit() != null) {
            out.printf(Locale.ROOT, "phase split: alpha %s +- %s J/prompt token, beta %s +- %s J/output token, "
                    + "R^2 %s%n", num(a.phaseSplit().alpha().estimate(), 6),
                    num(a.phaseSplit().alpha().standardError(), 6), num(a.phaseSplit().beta().estimate(), 6),
                    num(a.phaseSplit().beta().standardError(), 6), num(a.phaseSplit().fit().rSquared(), 3));
        }
        if (result.message() != null) {
            out.println();
            out.println(result.state() + ": " + result.message());
        }
        if (resultsLine) {
            out.println("results: " + result.dir());
        }
    }

    private static void front(String title, ParetoFront front, PrintWriter out) {
        List<String> ids = front.front().stream().map(SelectionPoint::id).toList();
        out.println(title + ": " + (ids.isEmpty() ? "no point with both figures" : String.join(", ", ids)));
    }

    private static void table(List<String[]> rows, PrintWriter out) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                boolean left = c == 1 || c == 2 || c == 5 || c == row.length - 1;
                line.append(c == 0 ? "" : "  ").append(String.format(Locale.ROOT,
                        "%" + (left ? "-" : "") + widths[c] + "s", row[c]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** "FLOPs: architecture tier, high confidence; carbon intensity: ... (estimates: ...)", one line per basis. */
    private static String basis(FiguresBasis b) {
        return "FLOPs: " + (b.flopsMethod() == null ? "none" : b.flopsMethod() + " tier, " + b.flopsConfidence()
                + " confidence") + "; carbon intensity: " + (b.intensityLabel() == null ? "none" : b.intensityLabel())
                + " (" + FiguresBasis.NOTE + ")";
    }

    private static String sci(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3e", value) : "n/a";
    }

    private static String num(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "n/a";
    }
}
