package io.lem.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** slurm/jobs.json keeps the submit-time --set for lem collect, and reads the files written before it did. */
class JobsFileTest {

    @TempDir
    Path study;

    @Test
    void theSubmitTimeOverridesAreWrittenAndReadBackInOrder() throws IOException {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("engine.threads", "1");
        set.put("execution.cycles", "2");
        set.put("execution.executor", "slurm");
        Files.createDirectories(study.resolve(ArrayScript.DIR));
        new JobsFile(List.of()).with(new JobsFile.Job("41", "2026-12-01T10:00:00Z", "slurm/array.sbatch",
                List.of(0, 1), set)).write(study);

        String text = Files.readString(study.resolve("slurm/jobs.json"));
        assertThat(text.replaceAll("\\s+", "")).contains("\"overrides\":{\"engine.threads\":\"1\","
                + "\"execution.cycles\":\"2\",\"execution.executor\":\"slurm\"}");
        JobsFile.Job job = SlurmStudy.latestJob(study);
        assertThat(job.overrides()).containsExactly(Map.entry("engine.threads", "1"),
                Map.entry("execution.cycles", "2"), Map.entry("execution.executor", "slurm"));
    }

    @Test
    void anExplicitSetReplacesTheStoredOneOfTheSameKeyAndKeepsTheOthers() {
        JobsFile.Job job = new JobsFile.Job("41", "t", "s", List.of(0), Map.of("engine.threads", "1",
                "execution.cycles", "2"));
        assertThat(job.overridesWith(Map.of("engine.threads", "4"))).isEqualTo(Map.of("engine.threads", "4",
                "execution.cycles", "2"));
        assertThat(job.overridesWith(Map.of())).isEqualTo(job.overrides());
    }

    @Test
    void aJobsFileWrittenBeforeOverridesWereKeptReadsAsNone() throws IOException {
        Files.createDirectories(study.resolve(ArrayScript.DIR));
        // the shape lem 0.1 wrote (slurm/jobs.json before "overrides")
        Files.writeString(study.resolve("slurm/jobs.json"), """
                {
                  "jobs" : [ {
                    "job_id" : "7",
                    "submitted_at" : "2026-12-01T09:00:00Z",
                    "script" : "slurm/array.sbatch",
                    "runs" : [ 0, 1, 2 ]
                  } ]
                }
                """);
        JobsFile.Job job = SlurmStudy.latestJob(study);
        assertThat(job.jobId()).isEqualTo("7");
        assertThat(job.runs()).containsExactly(0, 1, 2);
        assertThat(job.overrides()).isEmpty();
    }
}
