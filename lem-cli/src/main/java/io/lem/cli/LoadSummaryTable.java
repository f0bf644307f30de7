package io.lem.cli;

import java.io.PrintWriter;
import java.util.Locale;

import io.lem.analysis.Distribution;
import io.lem.analysis.latency.LoadSummary;

/** The table {@code lem load} prints at the end, in the spirit of vLLM's benchmark result block. */
final class LoadSummaryTable {

    private LoadSummaryTable() {
    }

    static void print(LoadSummary s, PrintWriter out) {
        out.println("============ lem load: measured window ============");
        row(out, "Requests OK / failed", (s.requests() - s.failed()) + " / " + s.failed());
        row(out, "Duration (s)", fmt(s.durationS()));
        row(out, "Error rate", fmt(s.errorRate()));
        row(out, "Request throughput (req/s)", fmt(s.requestsPerS()));
        row(out, "Output throughput (tok/s)", fmt(s.outputTokensPerS()));
        row(out, "Total throughput (tok/s)", fmt(s.totalTokensPerS()));
        if (!s.slos().isEmpty()) {
            row(out, "Goodput (req/s) " + s.slos().thresholdsMs(), fmt(s.goodputRequestsPerS()));
        }
        out.printf(Locale.ROOT, "%-8s %10s %10s %10s %10s %10s %10s%n", "(ms)", "mean", "median", "p90", "p99",
                "p99.9", "n");
        line(out, "TTFT", s.ttftMs());
        line(out, "TPOT", s.tpotMs());
        line(out, "ITL", s.itlMs());
        line(out, "E2E", s.e2eMs());
        if (s.latenessMs().count() > 0) {
            line(out, "Lateness", s.latenessMs());
        }
    }

    /** The energy section of {@code --meters}: figures marked (estimated) when a model made them. */
    static void printEnergy(java.util.Map<String, Object> e, PrintWriter out) {
        String mark = Boolean.TRUE.equals(e.get("estimated")) ? " (estimated)" : "";
        out.println("============ energy: " + e.get("total_energy_domains") + " ============");
        row(out, "Total energy (J)" + mark, number(e.get("total_energy_j")));
        row(out, "Active energy above idle (J)" + mark, number(e.get("active_energy_j")));
        row(out, "Idle power (W)" + mark, number(e.get("idle_power_w")));
        row(out, "Mean power (W)" + mark, number(e.get("mean_power_w")));
        row(out, "Energy per output token (J)" + mark, number(e.get("joules_per_output_token")));
        row(out, "Active energy per output token (J)" + mark, number(e.get("active_joules_per_output_token")));
        if (e.get("llm_energy_j") != null) {
            row(out, "Engine process tree energy (J)" + (Boolean.TRUE.equals(e.get("llm_energy_estimated"))
                    ? " (estimated)" : ""), number(e.get("llm_energy_j")));
        }
        if (e.get("estimate_label") != null) {
            out.println(e.get("estimate_label"));
        }
    }

    private static String number(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "-";
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf(Locale.ROOT, "%-40s %s%n", name, value);
    }

    private static void line(PrintWriter out, String name, Distribution d) {
        out.printf(Locale.ROOT, "%-8s %10s %10s %10s %10s %10s %10d%n", name, fmt(d.mean()), fmt(d.median()),
                fmt(d.p90()), fmt(d.p99()), fmt(d.p999()), d.count());
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
    }
}
