package io.lem.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.lem.study.StudyManifest;

/**
 * Which kind of machine (CPU and GPU models, {@link UnitStatus.NodeHardware#kind}) each point's measured runs ran
 * on, from the status files. J/token of two kinds of machine is not one comparison: the check says which points
 * belong together.
 *
 * @param kinds per point index, the kinds its measured runs ran on (one in a sound study)
 * @param nodes per point index, the node names
 */
public record HardwareCheck(Map<Integer, TreeSet<String>> kinds, Map<Integer, TreeSet<String>> nodes) {

    public static HardwareCheck of(Path studyDir, StudyManifest manifest) {
        Map<Integer, TreeSet<String>> kinds = new TreeMap<>();
        Map<Integer, TreeSet<String>> nodes = new TreeMap<>();
        for (int i = 0; i < manifest.runs().size(); i++) {
            StudyManifest.RunEntry run = manifest.runs().get(i);
            UnitStatus status = UnitStatus.read(studyDir, i);
            if (run.status().measured() && status != null) {
                kinds.computeIfAbsent(run.point(), p -> new TreeSet<>()).add(status.hardware().kind());
                nodes.computeIfAbsent(run.point(), p -> new TreeSet<>()).add(status.hardware().node());
            }
        }
        return new HardwareCheck(kinds, nodes);
    }

    /** The points of each kind of machine, kinds in name order; a point on several kinds is under each. */
    public Map<String, List<Integer>> groups() {
        Map<String, List<Integer>> groups = new TreeMap<>();
        kinds.forEach((point, ks) -> ks.forEach(k -> groups.computeIfAbsent(k, x -> new ArrayList<>()).add(point)));
        return groups;
    }

    /**
     * study.json's {@code points[].hardware}: the point's kinds and nodes, and its group (1 for the first kind in
     * name order, ...; null when its runs were on more than one kind); null for a point with no measured run.
     */
    public Map<String, Object> json(int point) {
        if (!kinds.containsKey(point)) {
            return null;
        }
        List<String> order = new ArrayList<>(groups().keySet());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kinds", List.copyOf(kinds.get(point)));
        json.put("nodes", List.copyOf(nodes.get(point)));
        json.put("group", kinds.get(point).size() == 1 ? order.indexOf(kinds.get(point).first()) + 1 : null);
        return json;
    }

    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        kinds.forEach((point, ks) -> {
            if (ks.size() > 1) {
                warnings.add("point " + point + " ran on different hardware across its cycles (" + String.join("; ", ks)
                        + "): its CI mixes machines");
            }
        });
        Map<String, List<Integer>> groups = groups();
        if (groups.size() > 1) {
            Map<String, Object> shown = new LinkedHashMap<>(groups);
            warnings.add("points ran on different hardware; compare them only within a group: " + shown);
        }
        return warnings;
    }
}
