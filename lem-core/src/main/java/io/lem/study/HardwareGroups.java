package io.lem.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lem.plan.StudyPlan;

/**
 * study.json's {@code analysis.by_hardware_group}: where a study's points ran on more than one kind of machine
 * ({@link StudyOptions#hardware}, {@code points[].hardware.group}), the comparisons (factors, Pareto fronts, SLO
 * selection) again within each kind alone, since J/token of two kinds of machine is not one comparison. A point
 * whose runs spanned kinds (group null) is in none.
 */
final class HardwareGroups {

    private HardwareGroups() {
    }

    /** Null unless two or more groups; one entry per group, in group order. */
    static List<Map<String, Object>> of(StudyPlan plan, Path studyDir, List<StudyManifest.RunEntry> runs,
                                        Map<Integer, Map<String, Object>> hardware, StudyOptions options,
                                        AnalysisCache cache) {
        if (hardware == null) {
            return null;
        }
        TreeMap<Integer, List<Integer>> groups = new TreeMap<>();
        hardware.forEach((point, hw) -> {
            if (hw != null && hw.get("group") instanceof Integer group) {
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(point);
            }
        });
        if (groups.size() < 2) {
            return null;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        groups.forEach((group, points) -> {
            List<StudyManifest.RunEntry> own = runs.stream().filter(r -> points.contains(r.point())).toList();
            StudyAnalysis a = StudyAnalysis.of(plan, studyDir, own, options.slo(), options.bootstrap(), null, cache);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("group", group);
            json.put("kinds", hardware.get(points.getFirst()).get("kinds"));
            json.put("points", points.stream().map(p -> plan.point(p).hash8()).toList());
            json.put("factors", a.factors() == null ? null : a.factors().toJson("j_per_output_token"));
            json.put("pareto_energy_latency", a.energyLatency().toJson());
            json.put("pareto_energy_throughput", a.energyThroughput().toJson());
            json.put("slo", a.slo() == null ? null : a.slo().toJson());
            out.add(json);
        });
        return out;
    }
}
