package io.lem.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.config.ConfigException;
import io.lem.result.AtomicFiles;
import io.lem.result.Json;
import io.lem.result.JsonFiles;
import tools.jackson.databind.JsonNode;

/**
 * {@code slurm/jobs.json}: every job array submitted for the study, oldest first, so that {@code lem collect} knows
 * which job to follow. Written only by the submitting lem.
 *
 * @param runs the run indices the array holds
 */
public record JobsFile(List<Job> jobs) {

    public static final String FILE = "jobs.json";

    /**
     * @param script    the sbatch script as submitted, relative to the study directory
     * @param overrides the {@code --set} pairs (Slurm flags included) the submitting lem was given: the study file
     *                  with these gives the study design the directory was written for, so {@code lem collect}
     *                  needs them again; empty in a jobs.json written before lem kept them
     */
    public record Job(String jobId, String submittedAt, String script, List<Integer> runs,
                      Map<String, String> overrides) {

        public Job {
            runs = List.copyOf(runs);
            overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        }

        /** The submit-time overrides with {@code explicit} on top: a --set given again wins. */
        public Map<String, String> overridesWith(Map<String, String> explicit) {
            Map<String, String> all = new LinkedHashMap<>(overrides);
            all.putAll(explicit);
            return all;
        }
    }

    public JobsFile {
        jobs = List.copyOf(jobs);
    }

    public static JobsFile read(Path studyDir) {
        Path file = studyDir.resolve(ArrayScript.DIR).resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new JobsFile(List.of());
        }
        List<Job> jobs = new ArrayList<>();
        for (JsonNode j : JsonFiles.readObject(file).path("jobs")) {
            List<Integer> runs = new ArrayList<>();
            j.path("runs").forEach(r -> runs.add(r.asInt()));
            Map<String, String> overrides = new LinkedHashMap<>();
            j.path("overrides").properties().forEach(e -> overrides.put(e.getKey(), e.getValue().asString()));
            jobs.add(new Job(JsonFiles.string(j, "job_id"), JsonFiles.string(j, "submitted_at"),
                    JsonFiles.string(j, "script"), runs, overrides));
        }
        return new JobsFile(jobs);
    }

    /** The latest job, the one to follow. */
    public Job latest(Path studyDir) {
        if (jobs.isEmpty()) {
            throw new ConfigException("DIR", studyDir + " holds no Slurm job (" + ArrayScript.DIR + "/" + FILE
                    + "); fix: give a study directory written by lem run --executor slurm");
        }
        return jobs.getLast();
    }

    public JobsFile with(Job job) {
        List<Job> all = new ArrayList<>(jobs);
        all.add(job);
        return new JobsFile(all);
    }

    public void write(Path studyDir) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Job j : jobs) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("job_id", j.jobId());
            e.put("submitted_at", j.submittedAt());
            e.put("script", j.script());
            e.put("runs", j.runs());
            e.put("overrides", j.overrides());
            list.add(e);
        }
        AtomicFiles.write(studyDir.resolve(ArrayScript.DIR).resolve(FILE),
                Json.pretty().writeValueAsBytes(Map.of("jobs", list)));
    }
}
