package io.lem.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lem.study.RunStatus;
import io.lem.study.StudyManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Points that ran on different machines are told apart: per-point kinds, nodes and group, and the warnings. */
class HardwareCheckTest {

    @TempDir
    Path study;

    @Test
    void pointsOnTwoKindsOfMachineGetTwoGroupsAndAPointOnBothGetNone() throws IOException {
        // runs: point 1 on two A100 nodes, point 2 on an H100 node, point 3 on both kinds, point 4 failed
        Object[][] runs = {{1, "a1", "NVIDIA A100"}, {1, "a2", "NVIDIA A100"}, {2, "h1", "NVIDIA H100"},
                {3, "a1", "NVIDIA A100"}, {3, "h1", "NVIDIA H100"}, {4, "h1", "NVIDIA H100"}};
        List<StudyManifest.RunEntry> entries = new ArrayList<>();
        for (int i = 0; i < runs.length; i++) {
            int point = (Integer) runs[i][0];
            entries.add(new StudyManifest.RunEntry(point, i, 0, "p" + point + "/cycle-" + i,
                    point == 4 ? RunStatus.FAILED : RunStatus.DONE, null));
            new UnitStatus(i, "t0", "t1", "done", 0, null, "1" + i, "1", new UnitStatus.NodeHardware(
                    (String) runs[i][1], "EPYC", List.of((String) runs[i][2]), "0")).write(study);
        }
        StudyManifest manifest = new StudyManifest(1, "s", "h", List.of(), "finished", null, 0, List.of(), entries);

        HardwareCheck check = HardwareCheck.of(study, manifest);

        assertThat(check.json(1)).isEqualTo(Map.of("kinds", List.of("EPYC + NVIDIA A100"), "nodes", List.of("a1", "a2"),
                "group", 1));
        assertThat(check.json(2)).isEqualTo(Map.of("kinds", List.of("EPYC + NVIDIA H100"), "nodes", List.of("h1"),
                "group", 2));
        assertThat(check.json(3).get("group")).isNull();
        assertThat(check.json(4)).as("no measured run").isNull();
        assertThat(check.warnings()).containsExactly(
                "point 3 ran on different hardware across its cycles (EPYC + NVIDIA A100; EPYC + NVIDIA H100): its CI "
                        + "mixes machines",
                "points ran on different hardware; compare them only within a group: {EPYC + NVIDIA A100=[1, 3], "
                        + "EPYC + NVIDIA H100=[2, 3]}");
    }

    @Test
    void oneKindOfMachineWarnsNothing() throws IOException {
        new UnitStatus(0, "t0", "t1", "done", 0, null, "10", "1", new UnitStatus.NodeHardware("n1", "Xeon", List.of(),
                null)).write(study);
        StudyManifest manifest = new StudyManifest(1, "s", "h", List.of(), "finished", null, 0, List.of(),
                List.of(new StudyManifest.RunEntry(1, 1, 0, "p1", RunStatus.DONE, null)));
        assertThat(HardwareCheck.of(study, manifest).warnings()).isEmpty();
        assertThat(HardwareCheck.of(study, manifest).json(1).get("group")).isEqualTo(1);
    }
}
