package io.lem.plan;

import static io.lem.plan.Studies.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.lem.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code base:} files on disk, read with the real YAML reader. */
class BaseFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, yaml);
    }

    private StudyPlan plan(Path file) {
        return StudyPlanner.plan(file, PlanOptions.defaults());
    }

    @Test
    void theStudyOverridesItsBaseKeyByKey() throws IOException {
        write("common/base.yaml", """
                study_name: common
                engine: {preset: tiny, parallel: 2}
                workload: {requests: 8, max_output_tokens: 16}
                sweep:
                  workload.concurrency: [1, 2]
                  engine.threads: [1, 2]
                execution: {cycles: 3, order: shuffle}
                """);
        Path study = write("studies/child.yaml", """
                base: ../common/base.yaml
                study_name: child
                workload.requests: 4
                sweep: {engine.threads: [3]}
                execution: {order: reverse}
                """);
        StudyPlan plan = plan(study);
        assertThat(plan.studyName()).isEqualTo("child");
        assertThat(plan.sources()).containsExactly(study.toAbsolutePath(), dir.resolve("common/base.yaml"));
        assertThat(column(plan, "workload.concurrency")).containsExactly(1L, 2L);
        assertThat(column(plan, "engine.threads")).containsOnly(3L);
        assertThat(column(plan, "workload.requests")).containsOnly(4L);
        assertThat(column(plan, "workload.max_output_tokens")).containsOnly(16L);
        assertThat(column(plan, "engine.parallel")).containsOnly(2L);
        assertThat(plan.execution().order()).isEqualTo(Order.REVERSE);
        assertThat(plan.execution().repetitions()).isEqualTo(new Repetitions.Fixed(3));
    }

    @Test
    void aChainOfBasesAppliesFromTheDeepest() throws IOException {
        write("a.yaml", "engine: {parallel: 1, threads: 1}\nworkload: {requests: 1}");
        write("b.yaml", "base: a.yaml\nengine: {parallel: 2, threads: 2}");
        Path c = write("c.yaml", "base: b.yaml\nengine.parallel: 3");
        Point point = plan(c).point(1);
        assertThat(point.settings()).containsEntry("engine.parallel", 3L).containsEntry("engine.threads", 2L)
                .containsEntry("workload.requests", 1L);
    }

    @Test
    void experimentsOfTheStudyReplaceThoseOfItsBase() throws IOException {
        write("base.yaml", "experiments: [{engine.parallel: 1}, {engine.parallel: 2}]");
        assertThat(plan(write("inherits.yaml", "base: base.yaml")).points()).hasSize(2);
        assertThat(column(plan(write("own.yaml", "base: base.yaml\nexperiments: [{engine.parallel: 5}]")),
                "engine.parallel")).containsExactly(5L);
    }

    @Test
    void aCycleOfBasesIsAnError() throws IOException {
        write("x.yaml", "base: y.yaml");
        Path y = write("y.yaml", "base: sub/../x.yaml");
        assertThatThrownBy(() -> plan(y)).isInstanceOf(ConfigException.class)
                .hasMessage("base: the base files form a cycle: " + y + " -> " + dir.resolve("x.yaml") + " -> " + y
                        + "; fix: remove the base: key from one of them");
        Path self = write("self.yaml", "base: self.yaml");
        assertThatThrownBy(() -> plan(self)).hasMessageContaining("form a cycle");
    }

    @Test
    void anErrorInABaseNamesThatFile() throws IOException {
        write("bad.yaml", "sweep: {engine.parallel: [0]}");
        Path study = write("s.yaml", "base: bad.yaml");
        assertThatThrownBy(() -> plan(study)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sweep.engine.parallel[0]: expected a positive integer, got 0")
                .hasMessageEndingWith("(in base file " + dir.resolve("bad.yaml") + ")");
        Path missing = write("m.yaml", "base: nowhere.yaml");
        assertThatThrownBy(() -> plan(missing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(dir.resolve("nowhere.yaml") + " does not exist");
    }
}
