package io.lem.analysis.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points no other point beats on both objectives: q dominates p when q is at least as good on both and
 * strictly better on one (Pareto). Equal points do not dominate each other, so ties all stay on the front. The
 * front is ordered by the first objective, best first, then the second, then input order (stable).
 *
 * @param excluded ids of points lacking a finite value of either objective
 */
public record ParetoFront(Objective first, Objective second, List<SelectionPoint> front, List<String> excluded) {

    /** What one axis asks for: a metric and whether less or more of it is better. */
    public record Objective(String metric, boolean minimise) {

        public static Objective min(String metric) {
            return new Objective(metric, true);
        }

        public static Objective max(String metric) {
            return new Objective(metric, false);
        }

        /** The value made "smaller is better". */
        double cost(SelectionPoint p) {
            return minimise ? p.metric(metric) : -p.metric(metric);
        }
    }

    public ParetoFront {
        front = List.copyOf(front);
        excluded = List.copyOf(excluded);
    }

    /** Energy against latency: minimise J/output token and the given latency figure (e.g. {@code e2e_p50_ms}). */
    public static ParetoFront energyLatency(List<SelectionPoint> points, String latencyMetric) {
        return of(points, Objective.min(SelectionPoint.JOULES_PER_OUTPUT_TOKEN), Objective.min(latencyMetric));
    }

    /** Energy against throughput: minimise J/output token, maximise output tokens/s. */
    public static ParetoFront energyThroughput(List<SelectionPoint> points) {
        return of(points, Objective.min(SelectionPoint.JOULES_PER_OUTPUT_TOKEN),
                Objective.max(SelectionPoint.TOKENS_PER_SECOND));
    }

    /**
     * Sort by (first, second, input order), then sweep: within a run of equal first cost only the run's lowest
     * second cost can survive, and it survives unless a point with a strictly lower first cost already reached a
     * second cost as low. O(n log n).
     */
    public static ParetoFront of(List<SelectionPoint> points, Objective first, Objective second) {
        List<Integer> order = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            SelectionPoint p = points.get(i);
            if (Double.isFinite(first.cost(p)) && Double.isFinite(second.cost(p))) {
                order.add(i);
            } else {
                excluded.add(p.id());
            }
        }
        order.sort(Comparator.comparingDouble((Integer i) -> first.cost(points.get(i)))
                .thenComparingDouble(i -> second.cost(points.get(i))).thenComparingInt(i -> i));
        List<SelectionPoint> front = new ArrayList<>();
        double bestSecondBefore = Double.POSITIVE_INFINITY;
        int start = 0;
        while (start < order.size()) {
            double x = first.cost(points.get(order.get(start)));
            double runBest = second.cost(points.get(order.get(start)));
            int end = start;
            while (end < order.size() && first.cost(points.get(order.get(end))) == x) {
                SelectionPoint p = points.get(order.get(end));
                if (second.cost(p) == runBest && runBest < bestSecondBefore) {
                    front.add(p);
                }
                end++;
            }
            bestSecondBefore = Math.min(bestSecondBefore, runBest);
            start = end;
        }
        return new ParetoFront(first, second, front, excluded);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("objectives", List.of(objectiveJson(first), objectiveJson(second)));
        json.put("points", front.stream().map(p -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("point", p.id());
            point.put(first.metric(), Json.finite(p.metric(first.metric())));
            point.put(second.metric(), Json.finite(p.metric(second.metric())));
            return point;
        }).toList());
        json.put("excluded_points", excluded);
        return json;
    }

    private static Map<String, Object> objectiveJson(Objective o) {
        return Map.of("metric", o.metric(), "goal", o.minimise() ? "minimise" : "maximise");
    }
}
