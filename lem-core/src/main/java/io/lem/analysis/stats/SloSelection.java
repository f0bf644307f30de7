package io.lem.analysis.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lowest-J/output-token point that meets every objective of an {@link Slo} (issue 9's {@code --slo}), with
 * the reason each other point was turned down. Ties go to the point given first.
 *
 * @param selected null when no point meets the objectives
 * @param rejected point id → why it does not qualify
 */
public record SloSelection(Slo slo, SelectionPoint selected, int meeting, Map<String, String> rejected) {

    public SloSelection {
        rejected = Collections.unmodifiableMap(new LinkedHashMap<>(rejected));
    }

    public static SloSelection of(List<SelectionPoint> points, Slo slo) {
        SelectionPoint best = null;
        int meeting = 0;
        Map<String, String> rejected = new LinkedHashMap<>();
        for (SelectionPoint p : points) {
            String violation = slo.violation(p);
            double energy = p.metric(SelectionPoint.JOULES_PER_OUTPUT_TOKEN);
            if (violation == null && !Double.isFinite(energy)) {
                violation = SelectionPoint.JOULES_PER_OUTPUT_TOKEN + " is missing";
            }
            if (violation != null) {
                rejected.put(p.id(), violation);
                continue;
            }
            meeting++;
            if (best == null || energy < best.metric(SelectionPoint.JOULES_PER_OUTPUT_TOKEN)) {
                best = p;
            }
        }
        return new SloSelection(slo, best, meeting, rejected);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("slo", slo.toJson());
        json.put("selected_point", selected == null ? null : selected.id());
        json.put(SelectionPoint.JOULES_PER_OUTPUT_TOKEN, selected == null ? null
                : Json.finite(selected.metric(SelectionPoint.JOULES_PER_OUTPUT_TOKEN)));
        json.put("points_meeting", meeting);
        List<Map<String, Object>> reasons = new ArrayList<>();
        rejected.forEach((id, why) -> reasons.add(Map.of("point", id, "reason", why)));
        json.put("rejected_points", reasons);
        return json;
    }
}
