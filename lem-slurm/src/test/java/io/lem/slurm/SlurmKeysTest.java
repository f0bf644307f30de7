package io.lem.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.lem.config.ConfigException;
import io.lem.plan.StudyConfig;
import io.lem.plan.StudyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** execution.executor and slurm.* from a study file or --set: read into {@link SlurmOptions}, never hashed. */
class SlurmKeysTest {

    @TempDir
    Path tmp;

    private Path study(String extra) throws IOException {
        return Files.writeString(tmp.resolve("s" + extra.hashCode() + ".yaml"), """
                study_name: keys
                engine: {type: embedded, preset: tiny}
                sweep:
                  engine.parallel: [1, 2]
                """ + extra);
    }

    @Test
    void theKeysComeFromTheFileAndFromSetAndLeaveEveryHashAlone() throws IOException {
        StudyConfig plain = StudyLoader.load(study(""), Map.of());
        StudyConfig fromFile = StudyLoader.load(study("""
                execution: {executor: slurm}
                slurm: {partition: gpu, gpus_per_task: 2, exclusive: false, time: "2:00:00"}
                """), Map.of());
        StudyConfig fromSet = StudyLoader.load(study(""), Map.of("execution.executor", "slurm",
                "slurm.partition", "gpu", "slurm.max_parallel", "3", "slurm.account", "proj"));

        for (StudyConfig s : java.util.List.of(fromFile, fromSet)) {
            assertThat(s.plan().studyDesignHash()).isEqualTo(plain.plan().studyDesignHash());
            assertThat(s.plan().points()).extracting(p -> p.hash())
                    .isEqualTo(plain.plan().points().stream().map(p -> p.hash()).toList());
            assertThat(s.plan().execution().executor()).isEqualTo("slurm");
            assertThat(s.plan().points().getFirst().config().values().keySet()).noneMatch(k -> k.startsWith("slurm."));
        }
        assertThat(plain.plan().execution().executor()).isEqualTo("local");
        Path lem = Path.of("/opt/lem/lem");
        assertThat(SlurmOptions.of(fromFile.plan().execution(), lem))
                .isEqualTo(new SlurmOptions("gpu", null, "2:00:00", 2, 0, false, 5, lem));
        assertThat(SlurmOptions.of(fromSet.plan().execution(), lem))
                .isEqualTo(new SlurmOptions("gpu", "proj", null, 0, 3, true, 5, lem));
    }

    @Test
    void aWrongKeyOrValueNamesTheKey() throws IOException {
        Path file = study("");
        assertThatThrownBy(() -> StudyLoader.load(file, Map.of("slurm.partitions", "gpu")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("slurm.partitions")
                .hasMessageContaining("slurm.partition");
        assertThatThrownBy(() -> StudyLoader.load(file, Map.of("slurm.max_parallel", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("slurm.max_parallel");
        assertThatThrownBy(() -> StudyLoader.load(file, Map.of("execution.executor", "pbs")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("execution.executor");
    }
}
