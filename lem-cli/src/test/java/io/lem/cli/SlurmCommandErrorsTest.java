package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Slurm commands' user mistakes: one line naming the field and the fix, exit 2; no Slurm needed. */
class SlurmCommandErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void anUnknownExecutorIsOneLine() throws IOException {
        Path file = Files.writeString(tmp.resolve("s.yaml"), "study_name: s\nengine: {preset: tiny}\n");
        RunCommandTest.Run run = RunCommandTest.lem("run", file.toString(), "--executor", "pbs", "--results",
                tmp.resolve("r").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("run: execution.executor: ").contains("pbs").doesNotContain("\n");
    }

    @Test
    void runUnitAndCollectNeedAStudyDirectory() {
        RunCommandTest.Run unit = RunCommandTest.lem("run-unit", "--study", tmp.toString(), "--unit", "0");
        assertThat(unit.code()).isEqualTo(2);
        assertThat(unit.err().strip()).contains("manifest.json").doesNotContain("\n");
        RunCommandTest.Run collect = RunCommandTest.lem("collect", tmp.toString());
        assertThat(collect.code()).isEqualTo(2);
        assertThat(collect.err().strip()).isEqualTo("collect: DIR: " + tmp + " holds no manifest.json; fix: give a "
                + "study directory written by lem run --executor slurm");
    }
}
