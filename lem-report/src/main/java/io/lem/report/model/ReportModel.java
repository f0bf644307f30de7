package io.lem.report.model;

import java.util.List;
import java.util.Map;

/**
 * Everything a report shows, read from one results directory; the page and the figures are both drawn from it.
 *
 * @param kind        "study", "experiment" or "load"
 * @param summary     label → value, in display order
 * @param methodology label → value: meters, estimates, window definitions, environment
 * @param factors     the factor ranking, highest η² first; empty outside a study with factors
 * @param fronts      the Pareto fronts of study.json's analysis
 * @param slo         the SLO-constrained choice; null when the study had no SLO
 * @param notes       what this directory lacks, one line each
 */
public record ReportModel(String kind, String title, Map<String, String> summary, Map<String, String> methodology,
                          List<PointRow> points, List<Factor> factors, List<Front> fronts, Slo slo,
                          List<String> notes) {

    /** One factor's main effect on J/output-token. */
    public record Factor(String name, Double etaSquared, Double maxMinRatio, List<String> levels,
                         List<Double> meanJPerOutputToken) {
    }

    /**
     * A Pareto front of J/output-token against {@code metric}.
     *
     * @param pointHashes the short hashes of the points on the front
     */
    public record Front(String title, String metric, String axisLabel, boolean maximise, List<String> pointHashes) {
    }

    /** The lowest-J/token point meeting the study's latency objectives. */
    public record Slo(Map<String, Object> objectives, String selectedPoint, Double joulesPerOutputToken,
                      Number pointsMeeting) {
    }
}
