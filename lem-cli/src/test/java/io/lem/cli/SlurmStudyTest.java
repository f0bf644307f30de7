package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.lem.llamacpp.gguf.TensorType;
import io.lem.llamacpp.synth.ModelPreset;
import io.lem.llamacpp.synth.SyntheticModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.lem.testkit.ResultSchemas;

/**
 * Issue 12's check against a real Slurm that the test starts ({@link SlurmCluster}): the bar-sweep example (4 points
 * x 2 cycles, the tiny model, a short workload) runs as a job array two tasks at a time, each task a real
 * {@code lem run-unit} process; one task killed with scancel is marked failed and rerun by {@code --resume}; and
 * the finished study.json equals, point for point, the one the local executor writes for the same study file.
 * lem itself runs as the child process a user starts, through a launcher script on this test's class path.
 */
class SlurmStudyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path tmp;
    static SlurmCluster cluster;
    static Path launcher;
    static Path model;

    @BeforeAll
    static void startSlurm() throws IOException, InterruptedException {
        String reason = SlurmCluster.skipReason();
        Assumptions.assumeTrue(reason == null, () -> "skipped: " + reason);
        cluster = SlurmCluster.start(Files.createDirectories(tmp.resolve("slurm")));
        model = SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 1, tmp.resolve("tiny.gguf"));
        String java = ProcessHandle.current().info().command().orElseThrow();
        launcher = tmp.resolve("lem");
        Files.writeString(launcher, "#!/bin/bash\nexec '" + java + "' --enable-native-access=ALL-UNNAMED "
                + "-XX:+UseSerialGC -Dlem.launcher='" + launcher + "' -cp '" + System.getProperty("java.class.path")
                + "' io.lem.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void stopSlurm() throws IOException, InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aStudyRunsAsAJobArrayResumesAScancelledTaskAndEqualsTheLocalRun() throws Exception {
        Path file = tmp.resolve("bar-sweep.yaml");
        Files.writeString(file, RunCommandTest.lem("run", "--print-example", "bar-sweep").out());
        List<String> shortRun = List.of("--set", "engine.model=" + model, "--set", "engine.threads=1", "--set",
                "engine.ctx=256", "--set", "workload.requests=3", "--set", "workload.max_output_tokens=6", "--set",
                "measurement.baseline_s=0", "--set", "measurement.warmup_requests=1", "--set", "execution.cycles=2");
        List<String> slurmFlags = List.of("--executor", "slurm", "--max-parallel", "2", "--set",
                "slurm.exclusive=false", "--set", "slurm.poll_s=0.3");

        Path slurmResults = tmp.resolve("r-slurm");
        Started submitted = lem(args(List.of("run", file.toString(), "--results", slurmResults.toString()), shortRun,
                slurmFlags));
        Path studyDir = waitFor(() -> onlyDir(slurmResults));
        JsonNode job = waitFor(() -> json(studyDir.resolve("slurm/jobs.json"))).path("jobs").get(0);
        assertThat(job.path("runs")).hasSize(8);
        String script = Files.readString(studyDir.resolve("slurm/array.sbatch"));
        assertThat(script).contains("#SBATCH --array=0-7%2\n", "run-unit --study '" + studyDir.toAbsolutePath() + "'",
                "# NOT exclusive (slurm.exclusive=false)");
        // the first task, once it has started, is killed from outside lem
        waitFor(() -> Files.isRegularFile(studyDir.resolve("slurm/status/unit-0.json")) ? true : null);
        assertThat(slurm("scancel", job.path("job_id").asString() + "_0")).isZero();
        Ended first = ended(submitted);
        assertThat(first.code()).as(first.err()).isEqualTo(1);
        assertThat(first.err()).contains("submitted slurm job " + job.path("job_id").asString(), "runs ended");
        JsonNode manifest = json(studyDir.resolve("manifest.json"));
        assertThat(manifest.path("runs").get(0).path("status").asString()).isEqualTo("failed");
        assertThat(manifest.path("runs").get(0).path("error").asString()).contains("cancelled in Slurm (scancel)");
        for (int i = 1; i < 8; i++) {
            assertThat(manifest.path("runs").get(i).path("status").asString()).as("run " + i).isEqualTo("done");
        }

        Ended resumed = ended(lem(args(List.of("run", "--resume", studyDir.toString()), shortRun, slurmFlags)));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        JsonNode jobs = json(studyDir.resolve("slurm/jobs.json")).path("jobs");
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(1).path("runs").toString()).isEqualTo("[0]");
        assertThat(Files.readString(studyDir.resolve("slurm/array.sbatch"))).contains("#SBATCH --array=0%2\n");
        String host = InetAddress.getLocalHost().getHostName();
        for (int i = 0; i < 8; i++) {
            JsonNode status = json(studyDir.resolve("slurm/status/unit-" + i + ".json"));
            assertThat(status.path("status").asString()).isEqualTo("done");
            assertThat(status.path("exit_code").asInt()).isZero();
            assertThat(status.path("hardware").path("node").asString()).isEqualTo(host);
            assertThat(status.path("array_job_id").asString()).isEqualTo(jobs.get(i == 0 ? 1 : 0).path("job_id")
                    .asString());
        }
        ResultSchemas.assertMatches("study", studyDir.resolve("study.json"));
        for (JsonNode point : json(studyDir.resolve("study.json")).path("points")) {
            assertThat(point.path("hardware").path("nodes").toString()).isEqualTo("[\"" + host + "\"]");
            assertThat(point.path("hardware").path("group").asInt()).isEqualTo(1);
        }

        // from another shell: the ended array is gathered again from squeue and the status files alone, with the
        // --set of the submitting lem run from slurm/jobs.json (not given again)
        assertThat(jobs.get(1).path("overrides").path("execution.cycles").asString()).isEqualTo("2");
        Ended changed = ended(lem(List.of("collect", studyDir.toString(), "--set", "workload.requests=4")));
        assertThat(changed.code()).as(changed.err()).isEqualTo(2);
        assertThat(changed.err()).contains("was written for another study design", "workload.requests=4",
                "fix: leave out the --set that changes the design");
        Ended collected = ended(lem(List.of("collect", studyDir.toString())));
        assertThat(collected.code()).as(collected.err()).isZero();
        assertThat(collected.err()).contains("lem collect: slurm job " + jobs.get(1).path("job_id").asString()
                + ": 1/1 runs ended, 1 done");
        assertThat(json(studyDir.resolve("manifest.json")).path("state").asString()).isEqualTo("finished");

        Path localResults = tmp.resolve("r-local");
        Ended local = ended(lem(args(List.of("run", file.toString(), "--results", localResults.toString()), shortRun,
                List.of())));
        assertThat(local.code()).as(local.err()).isZero();
        assertSamePoints(json(onlyDir(localResults).resolve("study.json")), json(studyDir.resolve("study.json")));

        // point 4's runs as if they had landed on another kind of machine: it is kept apart from the other three
        String point4 = json(studyDir.resolve("study.json")).path("points").get(3).path("hash").asString()
                .substring(0, 8);
        for (int i = 0; i < 8; i++) {
            if (manifest.path("runs").get(i).path("point").asInt() == 4) {
                Path status = studyDir.resolve("slurm/status/unit-" + i + ".json");
                Files.writeString(status, Files.readString(status).replaceFirst("\"cpu_model\" : \"[^\"]*\"",
                        "\"cpu_model\" : \"Other CPU\""));
            }
        }
        Ended regrouped = ended(lem(args(List.of("collect", studyDir.toString()), shortRun, List.of())));
        assertThat(regrouped.code()).as(regrouped.err()).isZero();
        assertThat(regrouped.err()).contains("warning: points ran on different hardware; compare them only within a "
                + "group: ", "Other CPU=[4]");
        ResultSchemas.assertMatches("study", studyDir.resolve("study.json"));
        JsonNode grouped = json(studyDir.resolve("study.json"));
        JsonNode groups = grouped.path("analysis").path("by_hardware_group");
        assertThat(groups).hasSize(2);
        for (JsonNode group : groups) {
            boolean other = group.path("points").toString().equals("[\"" + point4 + "\"]");
            assertThat(group.path("points")).hasSize(other ? 1 : 3);
            assertThat(group.path("kinds").get(0).asString().equals("Other CPU")).isEqualTo(other);
            for (String front : List.of("pareto_energy_latency", "pareto_energy_throughput")) {
                for (JsonNode p : group.path(front).path("points")) {
                    assertThat(group.path("points").toString()).contains(p.path("point").asString());
                }
            }
            assertThat(grouped.path("points").get(3).path("hardware").path("group").asInt() == group.path("group")
                    .asInt()).isEqualTo(other);
        }
    }

    /**
     * Adaptive cycles on Slurm: the minimum cycles as one array, then one array per further cycle for the points whose
     * interval is still too wide (here every point, its precision out of reach), up to max_cycles; lem verify then
     * recomputes every run and study.json's intervals from the files.
     */
    @Test
    void adaptiveCyclesRunAsOneArrayPerFurtherCycle() throws Exception {
        Path file = tinyStudy("adaptive", model, "{precision: 0.000001, min_cycles: 2, max_cycles: 3}", "[1, 2]");
        Path results = tmp.resolve("r-adaptive");
        Ended ended = ended(lem(List.of("run", file.toString(), "--results", results.toString(), "--executor",
                "slurm", "--max-parallel", "2", "--set", "slurm.exclusive=false", "--set", "slurm.poll_s=0.3")));
        assertThat(ended.code()).as(ended.err()).isZero();
        Path studyDir = onlyDir(results);
        JsonNode jobs = json(studyDir.resolve("slurm/jobs.json")).path("jobs");
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).path("runs").toString()).isEqualTo("[0,1,2,3]");
        assertThat(jobs.get(1).path("runs").toString()).isEqualTo("[4,5]");
        assertThat(ended.err()).contains("precision not reached for 2 point(s): cycle 3",
                "submitted slurm job " + jobs.get(1).path("job_id").asString() + ": 2 run(s) as array 4-5");
        JsonNode manifest = json(studyDir.resolve("manifest.json"));
        assertThat(manifest.path("state").asString()).isEqualTo("finished");
        assertThat(manifest.path("runs")).hasSize(6).allSatisfy(r ->
                assertThat(r.path("status").asString()).isEqualTo("done"));
        assertThat(manifest.path("runs").get(4).path("cycle").asInt()).isEqualTo(3);
        ResultSchemas.assertMatches("study", studyDir.resolve("study.json"));
        JsonNode study = json(studyDir.resolve("study.json"));
        for (JsonNode point : study.path("points")) {
            assertThat(point.path("metrics").path("joules_per_output_token").path("n").asInt()).isEqualTo(3);
        }
        assertThat(study.path("analysis").path("adaptive").path("not_reached")).hasSize(2);
        assertThat(study.path("analysis").path("adaptive").path("reached")).isEmpty();

        RunCommandTest.Run verify = RunCommandTest.lem("verify", studyDir.toString());
        assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("overall: PASS: 7 of 7 verified (runs and study.json) passed");

        // every point is at max_cycles: a resume finds no run and no further cycle to submit
        Ended resumed = ended(lem(List.of("run", "--resume", studyDir.toString(), "--executor", "slurm", "--set",
                "slurm.exclusive=false", "--set", "slurm.poll_s=0.3")));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("every run of " + studyDir + " is measured; nothing to submit");
        assertThat(json(studyDir.resolve("slurm/jobs.json")).path("jobs")).hasSize(2);
    }

    /**
     * The circuit breaker on Slurm: with every task failing (a model file that is no GGUF), the follower cancels the
     * array after execution.max_consecutive_failures failed runs, as the local executor pauses after them.
     */
    @Test
    void runsFailingInARowCancelTheRestOfTheArray() throws Exception {
        Path bogus = Files.writeString(tmp.resolve("bogus.gguf"), "not a GGUF file");
        Path file = tinyStudy("breaker", bogus, "{max_consecutive_failures: 2}", "[1, 2, 3, 4, 5, 6]");
        Path results = tmp.resolve("r-breaker");
        Ended ended = ended(lem(List.of("run", file.toString(), "--results", results.toString(), "--executor",
                "slurm", "--max-parallel", "1", "--set", "slurm.exclusive=false", "--set", "slurm.poll_s=0.3")));
        assertThat(ended.code()).as(ended.err()).isEqualTo(1);
        Path studyDir = onlyDir(results);
        JsonNode manifest = json(studyDir.resolve("manifest.json"));
        assertThat(manifest.path("state").asString()).as(ended.err()).isEqualTo("paused");
        assertThat(manifest.path("message").asString()).contains(
                "runs failed in a row (execution.max_consecutive_failures)", "cancelled from lem (scancel)",
                "not a GGUF file", "lem run --resume " + studyDir + " --executor slurm");
        List<String> statuses = new ArrayList<>();
        manifest.path("runs").forEach(r -> statuses.add(r.path("status").asString()));
        assertThat(statuses).hasSize(6).doesNotContain("done", "pending", "running");
        assertThat(statuses.subList(0, 2)).containsOnly("failed");
        assertThat(statuses.getLast()).as("the last task never ran").isEqualTo("interrupted");
        assertThat(ended.err()).contains("lem: paused: ");
    }

    /** Whether this process inherited SIGINT as ignored (bit 2 of /proc/self/status's SigIgn), as children of `cmd &` do. */
    private static boolean sigintIgnored() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    /** Ctrl-C in the following lem, answered y: the array is scancelled and its runs recorded as interrupted. */
    @Test
    void ctrlCAnsweredYesCancelsTheArray() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored in this JVM (started in "
                + "the background by a non-interactive shell), and so in the lem it starts: Ctrl-C cannot arrive");
        Path file = tinyStudy("ctrl-c", model, "{}", "[1, 2]");
        Path results = tmp.resolve("r-ctrl-c");
        Started following = lem(List.of("run", file.toString(), "--results", results.toString(), "--executor",
                "slurm", "--max-parallel", "1", "--set", "slurm.exclusive=false", "--set", "slurm.poll_s=0.3"));
        Path studyDir = waitFor(() -> onlyDir(results));
        waitFor(() -> Files.isRegularFile(studyDir.resolve("slurm/status/unit-0.json")) ? true : null);
        following.process().getOutputStream().write("y\n".getBytes(StandardCharsets.UTF_8));
        following.process().getOutputStream().flush();
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(following.process().pid())).start().waitFor())
                .isZero();
        Ended ended = ended(following);

        assertThat(ended.code()).as(ended.err()).isNotZero();
        assertThat(ended.err()).contains("Cancel Slurm job ", "(scancel)? [y/N]");
        JsonNode manifest = json(studyDir.resolve("manifest.json"));
        assertThat(manifest.path("state").asString()).isEqualTo("interrupted");
        assertThat(manifest.path("message").asString()).contains("cancelled from lem (scancel)",
                "lem run --resume " + studyDir);
        assertThat(manifest.path("runs")).hasSize(2).allSatisfy(r ->
                assertThat(r.path("status").asString()).isEqualTo("interrupted"));
    }

    /** Hashes, statuses and structure, point for point; the measured numbers differ between any two runs. */
    private static void assertSamePoints(JsonNode local, JsonNode slurm) {
        assertThat(slurm.path("study_design_hash")).isEqualTo(local.path("study_design_hash"));
        assertThat(slurm.path("experiments")).isEqualTo(local.path("experiments"));
        assertThat(slurm.path("points")).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode l = local.path("points").get(i);
            JsonNode s = slurm.path("points").get(i);
            for (String field : List.of("index", "hash", "dir", "keys", "cycles")) {
                assertThat(s.path(field)).as("point " + i + " " + field).isEqualTo(l.path(field));
            }
            assertThat(s.path("metrics").propertyNames()).isEqualTo(l.path("metrics").propertyNames());
            assertThat(s.path("metrics").path("joules_per_output_token").path("n").asInt()).isEqualTo(2);
        }
        assertThat(slurm.path("analysis").propertyNames()).isEqualTo(local.path("analysis").propertyNames());
        assertThat(slurm.path("analysis").path("factors").path("factors").size())
                .isEqualTo(local.path("analysis").path("factors").path("factors").size());
    }

    /** A study of the tiny model's short workload over engine.parallel, written to {@code <name>.yaml}. */
    private static Path tinyStudy(String name, Path model, String execution, String parallel) throws IOException {
        return Files.writeString(tmp.resolve(name + ".yaml"), """
                study_name: %s
                engine: {type: embedded, model: %s, threads: 1, ctx: 256}
                workload: {requests: 3, max_output_tokens: 6}
                measurement: {baseline_s: 0, warmup_requests: 1}
                execution: %s
                sweep:
                  engine.parallel: %s
                """.formatted(name, model, execution, parallel));
    }

    private static List<String> args(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    record Started(Process process, Path err) {
    }

    private static Started lem(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        Path err = Files.createTempFile(tmp, "err-", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(Files.createTempFile(tmp, "out-", ".txt")
                .toFile()).redirectError(err.toFile());
        pb.environment().putAll(cluster.env());
        return new Started(pb.start(), err);
    }

    record Ended(int code, String err) {
    }

    private static Ended ended(Started started) throws Exception {
        assertThat(started.process().waitFor(240, TimeUnit.SECONDS)).as("lem ended").isTrue();
        return new Ended(started.process().exitValue(), Files.readString(started.err(), StandardCharsets.UTF_8));
    }

    private static int slurm(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().putAll(cluster.env());
        return pb.start().waitFor();
    }

    @FunctionalInterface
    interface Probe<T> {
        T get() throws IOException;
    }

    private static <T> T waitFor(Probe<T> probe) throws Exception {
        for (int i = 0; i < 1200; i++) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out");
    }

    private static Path onlyDir(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(results)) {
            return dirs.filter(Files::isDirectory).findFirst().orElse(null);
        }
    }

    private static JsonNode json(Path file) throws IOException {
        return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
    }
}
