package io.lem.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.result.AtomicFiles;
import io.lem.result.Json;
import io.lem.result.JsonFiles;
import io.lem.study.RunStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code slurm/status/unit-<index>.json}: what one array task says about itself. Each task writes only its own
 * file (atomically, temp + rename), once when it starts and once when it ends, so tasks never share a file and the
 * follower never reads half a file.
 *
 * @param startedAt  ISO-8601 wall-clock time the task started
 * @param finishedAt null while it runs
 * @param status     the run's status when it ended (done, failed, timed_out, interrupted); null while it runs
 * @param exitCode   run-unit's exit code; null while it runs
 * @param error      why it did not finish; null when done or running
 * @param jobId      Slurm's job id of this task ({@code SLURM_JOB_ID}) and the array's ({@code SLURM_ARRAY_JOB_ID})
 */
public record UnitStatus(int unit, String startedAt, String finishedAt, String status, Integer exitCode,
                         String error, String jobId, String arrayJobId, NodeHardware hardware) {

    public static final String DIR = "status";

    public static Path file(Path studyDir, int unit) {
        return studyDir.resolve(ArrayScript.DIR).resolve(DIR).resolve("unit-" + unit + ".json");
    }

    public boolean finished() {
        return finishedAt != null;
    }

    public UnitStatus finished(String at, RunStatus ended, int code, String why) {
        return new UnitStatus(unit, startedAt, at, ended.jsonName(), code, why, jobId, arrayJobId, hardware);
    }

    public void write(Path studyDir) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("unit", unit);
        json.put("started_at", startedAt);
        json.put("finished_at", finishedAt);
        json.put("status", status);
        json.put("exit_code", exitCode);
        json.put("error", error);
        json.put("job_id", jobId);
        json.put("array_job_id", arrayJobId);
        json.put("hardware", hardware.toJson());
        Path file = file(studyDir, unit);
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, Json.pretty().writeValueAsBytes(json));
    }

    /** The task's file, or null when it has not started (or wrote nothing readable). */
    public static UnitStatus read(Path studyDir, int unit) {
        Path file = file(studyDir, unit);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode j = Json.compact().readTree(file.toFile());
            JsonNode h = j.path("hardware");
            Long code = JsonFiles.whole(j, "exit_code");
            return new UnitStatus(j.path("unit").asInt(unit), JsonFiles.string(j, "started_at"),
                    JsonFiles.string(j, "finished_at"), JsonFiles.string(j, "status"),
                    code == null ? null : code.intValue(), JsonFiles.string(j, "error"),
                    JsonFiles.string(j, "job_id"), JsonFiles.string(j, "array_job_id"),
                    new NodeHardware(JsonFiles.string(h, "node"), JsonFiles.string(h, "cpu_model"),
                            JsonFiles.strings(h.path("gpus")), JsonFiles.string(h, "visible_gpus")));
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * Where a task ran: enough to tell whether two points ran on the same kind of machine.
     *
     * @param gpus        the node's GPU names, in device order (empty without NVIDIA's driver)
     * @param visibleGpus the task's {@code CUDA_VISIBLE_DEVICES} (Slurm's GPU binding); null when unset
     */
    public record NodeHardware(String node, String cpuModel, List<String> gpus, String visibleGpus) {

        public NodeHardware {
            gpus = List.copyOf(gpus);
        }

        /** Node names differ inside one kind of machine; the CPU and GPU models do not. */
        public String kind() {
            return cpuModel + (gpus.isEmpty() ? "" : " + " + String.join(", ", gpus));
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("node", node);
            json.put("cpu_model", cpuModel);
            json.put("gpus", gpus);
            json.put("visible_gpus", visibleGpus);
            return json;
        }
    }
}
