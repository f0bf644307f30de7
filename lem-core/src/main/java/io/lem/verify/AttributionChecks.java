package io.lem.verify;

import static io.lem.verify.Fields.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * request_energy.jsonl against the window integrator: per-request window energies, and the attribution sums against
 * the recomputed active energy of the measured window (so these checks can fail, unlike a sum checked against
 * itself).
 */
final class AttributionChecks {

    private static final double TOL = Tolerances.DEFAULT;
    /** Reported: Σ time_sharing_j of the rows + unattributed_j; recomputed: energy.active_energy_j. */
    static final String SHARED_FIGURE = "attribution: sum time_sharing_j + unattributed_j";
    /** Reported: Σ token_proportional_j of the rows; recomputed: energy.active_energy_j. */
    static final String PROPORTIONAL_FIGURE = "attribution: sum token_proportional_j";

    private AttributionChecks() {
    }

    static List<Check> checks(Recompute r) {
        List<Check> checks = new ArrayList<>();
        RequestRows.Rows<RequestRows.Energy> energies = r.files.energies();
        List<RequestRows.Energy> rows = energies.rows();
        String problem = energies.problem();
        checks.add(Check.of(REQUEST_ENERGY_FILE + " rows", (double) rows.size(),
                problem != null ? Recomputed.none(problem) : Recomputed.of(r.measuredOk.size(),
                        "one row per measured ok request"), TOL));
        Recomputed timeSharing = sum(rows, RequestRows.Energy::timeSharingJ, problem);
        checks.add(Check.of(Fields.figure(TIME_SHARING_SUM), r.files.reported(TIME_SHARING_SUM), timeSharing, TOL));
        Double unattributed = r.files.reported(UNATTRIBUTED);
        Double shared = timeSharing.present() && unattributed != null ? timeSharing.value() + unattributed : null;
        checks.add(Check.of(SHARED_FIGURE,
                shared, r.activeJ, TOL));
        Recomputed proportional = sum(rows, RequestRows.Energy::tokenProportionalJ, problem);
        checks.add(Check.of(PROPORTIONAL_FIGURE, proportional.value(),
                r.activeJ, TOL));
        perRow(checks, r, rows);
        return checks;
    }

    private static Recomputed sum(List<RequestRows.Energy> rows, Function<RequestRows.Energy, Double> field,
                                  String problem) {
        if (problem != null) {
            return Recomputed.none(problem);
        }
        if (rows.stream().map(field).anyMatch(v -> v == null)) {
            return Recomputed.none("a row of " + REQUEST_ENERGY_FILE + " has null");
        }
        return Recomputed.of(rows.stream().map(field).mapToDouble(Double::doubleValue).sum());
    }

    /** Each row's windows over the total domains, and its token-proportional share; one check per field (the worst row). */
    private static void perRow(List<Check> checks, Recompute r, List<RequestRows.Energy> rows) {
        // request_energy.jsonl holds measured requests; warm-up requests reuse their ids
        Map<Long, RequestRows.Request> byId = r.files.requests().rows().stream()
                .filter(RequestRows.Request::measured)
                .collect(Collectors.toMap(RequestRows.Request::id, q -> q, (a, b) -> a));
        List<List<Check>> fields = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Recomputed perToken = Recompute.ratio(r.activeJ, Recomputed.of(r.outputTokens));
        for (RequestRows.Energy e : rows) {
            RequestRows.Request q = byId.get(e.id());
            String id = "id " + e.id();
            if (q == null || q.sendS() == null || q.firstTokenS() == null || q.endS() == null) {
                Recomputed missing = Recomputed.none(id + " has no send/first token/end in " + REQUESTS_FILE);
                fields.forEach(f -> f.add(Check.of(id, 0.0, missing, TOL)));
                continue;
            }
            fields.get(0).add(Check.of(id, e.windowJ(), r.sum(r.totalIds, new Window(q.sendS(), q.endS())), TOL));
            fields.get(1).add(Check.of(id, e.ttftWindowJ(), r.sum(r.totalIds, new Window(q.sendS(), q.firstTokenS())),
                    TOL));
            fields.get(2).add(Check.of(id, e.decodeWindowJ(), r.sum(r.totalIds, new Window(q.firstTokenS(), q.endS())),
                    TOL));
            fields.get(3).add(Check.of(id, e.tokenProportionalJ(),
                    perToken.combine(Recomputed.of(q.completionTokens()), (a, b) -> a * b), TOL));
        }
        List<String> names = List.of(WINDOW_ENERGY, TTFT_WINDOW_ENERGY, DECODE_WINDOW_ENERGY, TOKEN_PROPORTIONAL);
        for (int i = 0; i < names.size(); i++) {
            List<Check> each = fields.get(i);
            String figure = REQUEST_ENERGY_FILE + " " + names.get(i);
            if (each.isEmpty()) {
                continue;
            }
            Check worst = each.stream().max(Comparator.comparing((Check c) -> !c.passed())
                    .thenComparing(c -> c.relDiff() == null ? 0 : c.relDiff())).orElseThrow();
            String note = "worst of " + each.size() + " rows: " + worst.figure()
                    + (worst.note() == null ? "" : "; " + worst.note());
            checks.add(new Check(figure, worst.reported(), worst.recomputed(), worst.relDiff(), worst.tolerance(),
                    worst.passed(), note));
        }
    }
}
