package io.lem.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

import io.lem.analysis.EstimateLabel;
import io.lem.meter.CpuPowerModel;
import io.lem.measure.PowerLog;
import io.lem.measure.PowerMeasure;
import io.lem.analysis.PowerSummary;
import io.lem.analysis.PowerSummary.DomainFigure;

/** The text {@code lem power log} and {@code lem power measure} print. Every estimate says so, with its error. */
final class PowerReport {

    private PowerReport() {
    }

    /** One paragraph: what was logged, mean power per domain, energy of the total, which figures are estimates. */
    static String logParagraph(PowerLog.Result log) {
        PowerSummary s = log.summary();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Logged %.1f s, %d samples to %s%s with %s. Mean power: ", s.durationS(),
                s.samples(), log.file(), log.stoppedEarly() ? " (stopped early)" : "", String.join(", ", log.meters())));
        b.append(s.domains().stream()
                .map(f -> String.format(Locale.ROOT, "%s %.2f W (%s)", f.domain().id(), f.meanPowerW(), f.domain().method()))
                .collect(Collectors.joining(", ")));
        b.append(String.format(Locale.ROOT, ". Total %s: %.2f J, %.2f W mean.", s.totals().description(),
                s.figures().totalEnergyJ(), s.meanTotalPowerW()));
        var label = EstimateLabel.of(s.totals(), s.domains().stream().map(DomainFigure::domain).toList());
        label.ifPresent(text -> b.append(' ').append(text).append('.'));
        if (label.isEmpty() && s.domains().stream().anyMatch(f -> f.domain().estimated())) {
            b.append(" Estimates: ").append(CpuPowerModel.VALIDATION_ERROR).append('.');
        }
        return b.toString();
    }

    /** The {@code perf stat}-like table of one command. */
    static void measureTable(PrintWriter out, String command, PowerMeasure.Result r) {
        PowerSummary s = r.summary();
        out.printf(Locale.ROOT, "%n Energy of '%s' (pid %d, exit %d):%n%n", command, r.pid(), r.exitCode());
        out.printf(Locale.ROOT, "  %-24s %10.3f s%n", "duration", r.wallS());
        out.printf(Locale.ROOT, "  %-24s %12s %10s %10s %12s  %s%n", "domain", "energy J", "mean W", "idle W",
                "active J", "method");
        for (DomainFigure f : s.domains()) {
            out.printf(Locale.ROOT, "  %-24s %12.3f %10.3f %10s %12s  %s%n", f.domain().id(), f.energyJ(),
                    f.meanPowerW(), num(f.idlePowerW()), num(f.active().energyJ()), f.domain().method());
        }
        out.printf(Locale.ROOT, "  %-24s %12.3f %10.3f %10s %12s  %s%n", "total", s.figures().totalEnergyJ(),
                s.meanTotalPowerW(), num(s.idleTotalPowerW()), num(s.totalActive().energyJ()), s.totals().description());
        if (!Double.isNaN(s.figures().llmEnergyJ())) {
            boolean estimated = s.domains().stream().anyMatch(f -> s.totals().processDomainIds()
                    .contains(f.domain().id()) && f.domain().estimated());
            out.printf(Locale.ROOT, "  %-24s %12.3f J, part of the total%s%n", "process tree (E_llm)",
                    s.figures().llmEnergyJ(), estimated ? ", estimated" : ", measured");
        }
        out.println();
        EstimateLabel.of(s.totals(), s.domains().stream().map(DomainFigure::domain).toList())
                .ifPresent(label -> out.println("  note: " + label));
        for (String note : s.totals().notes()) {
            out.println("  note: " + note);
        }
        for (String note : r.notes()) {
            out.println("  note: " + note);
        }
        for (String warning : s.warnings()) {
            out.println("  warning: " + warning);
        }
        s.totalActive().invalidWarning("the command's window").ifPresent(w -> out.println("  warning: " + w));
        out.flush();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
