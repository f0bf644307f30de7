package io.lem.report.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Two sets of results point by point: points are matched by config hash (the same resolved settings), and the points
 * left over by equal swept keys (the same sweep run where a setting outside it changed, such as the machine's core
 * count); each match with the ratio B/A of J/output-token and whether the two 95 % intervals overlap.
 */
public record PointComparison(List<Match> matched, List<PointFigure> onlyA, List<PointFigure> onlyB) {

    public PointComparison {
        matched = List.copyOf(matched);
        onlyA = List.copyOf(onlyA);
        onlyB = List.copyOf(onlyB);
    }

    /** Whether two intervals share a value; unknown when either point has none (fewer than two cycles). */
    public enum Overlap { OVERLAP, DISJOINT, UNKNOWN }

    /**
     * @param matchedBy "config_hash" or "keys"
     * @param ratio     B's J/output-token / A's; null when either is missing or A's is 0
     */
    public record Match(PointFigure a, PointFigure b, String matchedBy, Double ratio, Overlap overlap) {

        static Match of(PointFigure a, PointFigure b, String by) {
            Double ratio = a.joulesPerOutputToken() == null || b.joulesPerOutputToken() == null
                    || a.joulesPerOutputToken() == 0 ? null : b.joulesPerOutputToken() / a.joulesPerOutputToken();
            return new Match(a, b, by, ratio, PointComparison.overlap(a.ciLower(), a.ciUpper(), b.ciLower(), b.ciUpper()));
        }
    }

    static Overlap overlap(Double aLow, Double aHigh, Double bLow, Double bHigh) {
        if (aLow == null || aHigh == null || bLow == null || bHigh == null) {
            return Overlap.UNKNOWN;
        }
        return aLow <= bHigh && bLow <= aHigh ? Overlap.OVERLAP : Overlap.DISJOINT;
    }

    public static PointComparison of(List<PointFigure> a, List<PointFigure> b) {
        List<Match> matched = new ArrayList<>();
        List<PointFigure> restA = new ArrayList<>(a);
        List<PointFigure> restB = new ArrayList<>(b);
        for (PointFigure x : a) {
            if (x.pointHash() == null) {
                continue;
            }
            restB.stream().filter(y -> x.pointHash().equals(y.pointHash())).findFirst().ifPresent(y -> {
                matched.add(Match.of(x, y, "config_hash"));
                restA.remove(x);
                restB.remove(y);
            });
        }
        for (PointFigure x : List.copyOf(restA)) {
            List<PointFigure> same = restB.stream().filter(y -> sameKeys(x, y)).toList();
            if (same.size() == 1) {
                matched.add(Match.of(x, same.getFirst(), "keys"));
                restA.remove(x);
                restB.remove(same.getFirst());
            }
        }
        return new PointComparison(matched, restA, restB);
    }

    /** Equal values on the keys both sides sweep (at least one). */
    private static boolean sameKeys(PointFigure x, PointFigure y) {
        Map<String, Object> common = new LinkedHashMap<>(x.keys());
        common.keySet().retainAll(y.keys().keySet());
        return !common.isEmpty() && common.entrySet().stream()
                .allMatch(e -> e.getValue() != null && Objects.equals(e.getValue(), y.keys().get(e.getKey())));
    }
}
