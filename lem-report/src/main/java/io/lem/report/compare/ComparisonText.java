package io.lem.report.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.lem.report.export.Numbers;

/** {@code lem compare A B} as text: the matched points side by side, then what matched nothing. */
public final class ComparisonText {

    private ComparisonText() {
    }

    public static String text(PointComparison c, String nameA, String nameB) {
        StringBuilder out = new StringBuilder();
        out.append("A: ").append(nameA).append('\n').append("B: ").append(nameB).append('\n');
        long byHash = c.matched().stream().filter(m -> m.matchedBy().equals("config_hash")).count();
        out.append(String.format(Locale.ROOT, "matched points: %d (%d by config hash, %d by swept keys)%n",
                c.matched().size(), byHash, c.matched().size() - byHash));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("point", "A J/out tok [95% CI]", "B J/out tok [95% CI]", "B/A", "95% CIs"));
        boolean estimated = false;
        for (PointComparison.Match m : c.matched()) {
            rows.add(List.of(m.a().label(), figure(m.a()), figure(m.b()),
                    m.ratio() == null ? "-" : String.format(Locale.ROOT, "%.3f", m.ratio()), switch (m.overlap()) {
                        case OVERLAP -> "overlap";
                        case DISJOINT -> "disjoint";
                        case UNKNOWN -> "n/a (< 2 cycles)";
                    }));
            estimated |= Boolean.TRUE.equals(m.a().estimated()) || Boolean.TRUE.equals(m.b().estimated());
        }
        if (!c.matched().isEmpty()) {
            out.append(Aligned.of(rows));
        }
        out.append("only in A: ").append(labels(c.onlyA())).append('\n');
        out.append("only in B: ").append(labels(c.onlyB())).append('\n');
        if (estimated) {
            out.append("* energy (in part) estimated, not read from a counter: see each result.json's methods and"
                    + " warnings\n");
        }
        out.append("B/A is B's mean J/output-token over A's; the CIs are the points' 95 % intervals of the mean over"
                + " their cycles (Student t below 10 cycles, BCa bootstrap from 10): disjoint intervals mean the"
                + " difference is larger than the cycle-to-cycle spread, overlapping ones do not prove the points"
                + " equal\n");
        return out.toString();
    }

    private static String figure(PointFigure p) {
        String ci = p.ciLower() == null || p.ciUpper() == null ? " [n=" + p.cycles() + "]"
                : " [" + Numbers.sixDigits(p.ciLower()) + ", " + Numbers.sixDigits(p.ciUpper()) + "]";
        return Numbers.sixDigits(p.joulesPerOutputToken()) + ci + (Boolean.TRUE.equals(p.estimated()) ? "*" : "");
    }

    private static String labels(List<PointFigure> points) {
        return points.isEmpty() ? "none" : String.join("; ", points.stream().map(PointFigure::label).toList());
    }
}
