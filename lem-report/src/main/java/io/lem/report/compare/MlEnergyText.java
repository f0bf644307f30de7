package io.lem.report.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.lem.report.export.Numbers;

/** {@code lem compare A --mlenergy FILE_OR_DIR} as text, with what is and is not comparable always beneath. */
public final class MlEnergyText {

    private MlEnergyText() {
    }

    public static String text(MlEnergyComparison c, String lemName) {
        StringBuilder out = new StringBuilder();
        out.append("lem: ").append(lemName).append('\n');
        out.append("ML.ENERGY leaderboard v2: GPU energy over their steady-state window, derived per request\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("lem point", "B", "lem GPU J/out tok", "lem node J/out tok", "ML.ENERGY J/out tok",
                "lem GPU / ML.ENERGY", "lem tok/s", "their tok/s", "their batch fill", "model", "GPU", "their file"));
        boolean estimated = false;
        for (MlEnergyComparison.Pair p : c.matched()) {
            LemGpuPoint l = p.lem();
            MlEnergyRun m = p.mlEnergy();
            String fill = String.format(Locale.ROOT, "%.1f %%", 100 * m.batchFill())
                    + (m.batchFill() < MlEnergyRun.MIN_BATCH_FILL ? " underfilled" : "");
            rows.add(List.of(l.label(), String.valueOf(l.batchLimit()),
                    Numbers.sixDigits(l.gpuJoulesPerOutputToken()) + (l.estimated() ? "*" : ""),
                    Numbers.sixDigits(l.nodeJoulesPerOutputToken()) + (l.estimated() ? "*" : ""),
                    Numbers.sixDigits(m.joulesPerOutputToken()),
                    p.ratio() == null ? "- (no GPU meter)" : String.format(Locale.ROOT, "%.3f", p.ratio()),
                    Numbers.sixDigits(l.tokensPerSecond()), Numbers.sixDigits(m.tokensPerSecond()), fill,
                    p.sameModel() ? "same" : "differs (" + l.model() + " vs " + m.model() + ")",
                    p.sameGpu() ? "same" : "differs (" + (l.gpuName() == null ? "no GPU" : l.gpuName()) + " vs "
                            + m.gpu() + ")", m.file()));
            estimated |= l.estimated();
        }
        if (c.matched().isEmpty()) {
            out.append("matched: none (no lem point has the batch limit B of an ML.ENERGY run)\n");
        } else {
            out.append(Aligned.of(rows));
        }
        out.append("lem points without an ML.ENERGY run at their B: ").append(c.lemOnly().isEmpty() ? "none"
                : String.join("; ", c.lemOnly().stream().map(p -> p.label() + " (B=" + p.batchLimit() + ")")
                .toList())).append('\n');
        out.append("ML.ENERGY runs without a lem point: ").append(c.mlEnergyOnly().isEmpty() ? "none"
                : String.join(", ", c.mlEnergyOnly().stream().map(r -> r.file() + " ("
                + Numbers.sixDigits(r.joulesPerOutputToken()) + " J/out tok)").toList())).append('\n');
        if (estimated) {
            out.append("* lem energy (in part) estimated, not read from a counter\n");
        }
        out.append("comparable:\n");
        MlEnergyComparison.COMPARABLE.forEach(s -> out.append("  - ").append(s).append('\n'));
        out.append("not comparable as they stand:\n");
        MlEnergyComparison.NOT_COMPARABLE.forEach(s -> out.append("  - ").append(s).append('\n'));
        return out.toString();
    }
}
