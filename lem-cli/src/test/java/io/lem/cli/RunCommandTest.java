package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.lem.llamacpp.gguf.TensorType;
import io.lem.llamacpp.synth.ModelPreset;
import io.lem.llamacpp.synth.SyntheticModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.lem.testkit.ResultSchemas;

/**
 * {@code lem run} end to end: a real {@code lem serve} child process with the tiny synthetic model, real HTTP, the
 * real meters of this machine, real files.
 */
class RunCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path tmp;
    static Path model;

    @BeforeAll
    static void writeModel() throws IOException {
        model = SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 1, tmp.resolve("tiny.gguf"));
    }

    record Run(int code, String out, String err) {
    }

    static Run lem(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Path study(String name, String yaml) throws IOException {
        return Files.writeString(tmp.resolve(name + ".yaml"), yaml);
    }

    @Test
    void runsAStudyEndToEndAndWritesEveryFile() throws IOException {
        Path file = study("e2e", """
                study_name: e2e
                engine: {model: %s, threads: 1, ctx: 256}
                workload: {requests: 6, input_tokens: 16, max_output_tokens: 48}
                measurement: {baseline_s: 0.5, warmup_requests: 1, sample_rate_hz: 20}
                experiments:
                  - {engine.parallel: 1, workload.concurrency: 1}
                  - {engine.parallel: 2, workload.concurrency: 2}
                """.formatted(model));
        Path results = tmp.resolve("results");
        Run run = lem("run", file.toString(), "--results", results.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("J/out tok", "tiny-p1-c1", "tiny-p2-c2", "results: ");
        assertThat(run.err()).contains("verification: passed");
        Path studyDir;
        try (Stream<Path> dirs = Files.list(results)) {
            studyDir = dirs.filter(p -> p.getFileName().toString().startsWith("e2e_")).findFirst().orElseThrow();
        }
        JsonNode studyJson = JSON.readTree(studyDir.resolve("study.json").toFile());
        assertThat(studyJson.path("experiments")).hasSize(2);
        ResultSchemas.assertMatches("study", studyDir.resolve("study.json"));
        for (JsonNode experiment : studyJson.path("experiments")) {
            assertThat(experiment.path("status").asString()).isEqualTo("done");
            Path dir = studyDir.resolve(experiment.path("dir").asString());
            assertThat(dir.getFileName().toString()).matches("00[12]-tiny-p[12]-c[12]-[0-9a-f]{8}");
            checkExperiment(dir);
            ResultSchemas.assertMatches("result", dir.resolve("result.json"));
            checkConsoleShowsTheFilesFigure(run.out(), experiment.path("slug").asString(), dir);
        }

        // an experiment interrupted before its result.json: --resume keeps the finished one and redoes this one
        Path second = studyDir.resolve(studyJson.path("experiments").get(1).path("dir").asString());
        Files.delete(second.resolve("result.json"));
        Run resumed = lem("run", file.toString(), "--resume", studyDir.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("experiment 1: tiny-p1-c1 already measured");
        checkExperiment(second);
        try (Stream<Path> dirs = Files.list(studyDir)) {
            assertThat(dirs.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith(second.getFileName() + ".interrupted-"));
        }
    }

    /**
     * Issue 9's check: the bar-sweep example runs as is (here with a short workload for CI), --dry-run reports its 4
     * points, study.json holds per-point means with CIs and the factors with their eta squared, and --resume (from
     * the directory alone) reruns a unit that lost its result.json and refuses a changed design.
     */
    @Test
    void theBarSweepExampleRunsResumesAndRefusesAChangedDesign() throws IOException {
        Run example = lem("run", "--print-example", "bar-sweep");
        assertThat(example.code()).isZero();
        Path file = study("bar-sweep", example.out());
        Run dry = lem("run", file.toString(), "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("study bar-sweep: 4 points", "order shuffle, 3 cycles, 12 runs planned:",
                "estimated time: ");
        Path results = tmp.resolve("r-bar");
        assertThat(results).as("a dry run writes nothing").doesNotExist();

        String[] shortRun = {"--set", "engine.model=" + model, "--set", "engine.threads=1", "--set", "engine.ctx=256",
                "--set", "workload.requests=4", "--set", "workload.max_output_tokens=8", "--set",
                "measurement.baseline_s=0", "--set", "measurement.warmup_requests=1"};
        List<String> args = new java.util.ArrayList<>(List.of("run", file.toString(), "--results", results.toString(),
                "--slo", "ttft_p50:60000", "itl_p50:60000"));
        args.addAll(List.of(shortRun));
        Run run = lem(args.toArray(String[]::new));

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("J/out tok", "95% CI", "factors of J/out tok, by eta squared",
                "engine.parallel", "workload.concurrency", "Pareto front, energy vs throughput",
                "lowest J/out tok meeting ttft_p50:60000.0 itl_p50:60000.0: ", "FLOP/J est.", "gCO2e/1k out est.",
                "FLOPs: architecture tier, medium confidence; carbon intensity: no carbon intensity given");
        Path studyDir;
        try (Stream<Path> dirs = Files.list(results)) {
            studyDir = dirs.findFirst().orElseThrow();
        }
        ResultSchemas.assertMatches("study", studyDir.resolve("study.json"));
        JsonNode json = JSON.readTree(studyDir.resolve("study.json").toFile());
        assertThat(json.path("points")).hasSize(4).allSatisfy(p -> {
            JsonNode jpt = p.path("metrics").path("joules_per_output_token");
            assertThat(jpt.path("n").asInt()).isEqualTo(3);
            assertThat(jpt.path("per_cycle_j_per_output_token")).hasSize(3);
            double mean = 0;
            for (JsonNode v : jpt.path("per_cycle_j_per_output_token")) {
                mean += v.asDouble() / 3;
            }
            assertThat(jpt.path("mean_j_per_output_token").asDouble()).isCloseTo(mean, org.assertj.core.api
                    .Assertions.within(1e-12));
            assertThat(jpt.path("ci").path("lower_j_per_output_token").asDouble()).isLessThanOrEqualTo(mean);
            assertThat(jpt.path("ci").path("upper_j_per_output_token").asDouble()).isGreaterThanOrEqualTo(mean);
            // FLOP/J: the mean over the cycles' result.json figures, as printed in the table
            JsonNode flops = p.path("metrics").path("flops_per_joule");
            double flopsMean = 0;
            for (JsonNode v : flops.path("per_cycle_flop_per_j")) {
                flopsMean += v.asDouble() / 3;
            }
            assertThat(flops.path("mean_flop_per_j").asDouble()).isCloseTo(flopsMean, org.assertj.core.api
                    .Assertions.within(flopsMean * 1e-12));
            assertThat(run.out()).contains(String.format(java.util.Locale.ROOT, "%.3e", flopsMean));
            assertThat(p.path("figures_basis").path("flops_method").asString()).isEqualTo("architecture");
        });
        assertThat(json.path("analysis").path("factors").path("factors")).hasSize(2)
                .allSatisfy(f -> assertThat(f.path("eta_squared").asDouble()).isBetween(0.0, 1.0));
        assertThat(json.path("analysis").path("slo").isObject()).isTrue();

        // a unit that lost its result.json runs again from the directory alone; the others are kept
        JsonNode manifest = JSON.readTree(studyDir.resolve("manifest.json").toFile());
        Path lost = studyDir.resolve(manifest.path("runs").get(5).path("dir").asString());
        Files.delete(lost.resolve("result.json"));
        List<String> resumeArgs = new java.util.ArrayList<>(List.of("run", "--resume", studyDir.toString()));
        resumeArgs.addAll(List.of(shortRun));
        Run resumed = lem(resumeArgs.toArray(String[]::new));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err().lines().filter(l -> l.contains("already measured"))).hasSize(11);
        assertThat(lost.resolve("result.json")).isRegularFile();

        // a changed design is refused, naming the points
        Files.writeString(file, example.out().replace("engine.parallel: [1, 2]", "engine.parallel: [1, 3]"));
        List<String> changedArgs = new java.util.ArrayList<>(List.of("run", file.toString(), "--resume",
                studyDir.toString()));
        changedArgs.addAll(List.of(shortRun));
        Run refused = lem(changedArgs.toArray(String[]::new));
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("run: --resume: " + studyDir + " holds study design ", "added: ",
                "{engine.parallel=3, workload.concurrency=1}", "removed: ", "{engine.parallel=2, workload.concurrency=1}");
    }

    @Test
    void printExampleWritesTheStudyFilesAndRejectsAnUnknownName() {
        Run phase = lem("run", "--print-example", "phase-split");
        assertThat(phase.code()).isZero();
        assertThat(phase.out()).contains("study_name: phase-split", "workload.input_tokens: [16, 128]");
        Run unknown = lem("run", "--print-example", "nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("run: --print-example: no example 'nope'; fix: use one of "
                + "[bar-sweep, phase-split, slots-threads]");
        Run slots = lem("run", "--print-example", "slots-threads");
        assertThat(slots.code()).isZero();
        assertThat(slots.out()).contains("study_name: slots-threads", "engine.threads: [1, 2]");
    }

    /**
     * The hand recomputation: the total's cumulative columns of power.csv interpolated at the measured
     * window's edges, over Σ completion_tokens of the measured ok requests.
     */
    private static double recomputedJoulesPerOutputToken(Path dir, JsonNode result, List<JsonNode> requests)
            throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("power.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.getFirst().split(",", -1));
        double t0 = result.path("timeline").path("measured").path("start_s").asDouble();
        double t1 = result.path("timeline").path("measured").path("end_s").asDouble();
        double energy = 0;
        for (JsonNode id : result.path("methods").path("total_domain_ids")) {
            int column = header.indexOf(id.asString() + "_energy_j");
            assertThat(column).as("power.csv column of %s", id).isPositive();
            energy += interpolate(lines, column, t1) - interpolate(lines, column, t0);
        }
        long tokens = requests.stream().filter(r -> !r.path("warmup").asBoolean())
                .filter(r -> r.path("status").asString().equals("ok")).mapToLong(r -> r.path("completion_tokens").asLong())
                .sum();
        return energy / tokens;
    }

    private static double interpolate(List<String> lines, int column, double t) {
        double prevT = Double.NaN;
        double prevV = Double.NaN;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells[column].isEmpty()) {
                continue;
            }
            double ti = Double.parseDouble(cells[0]);
            double vi = Double.parseDouble(cells[column]);
            if (ti >= t) {
                return Double.isNaN(prevT) ? vi : prevV + (vi - prevV) * (t - prevT) / (ti - prevT);
            }
            prevT = ti;
            prevV = vi;
        }
        return prevV;
    }

    /** The table's J/out tok of one experiment is result.json's, rounded as printed. */
    private static void checkConsoleShowsTheFilesFigure(String out, String slug, Path dir) throws IOException {
        JsonNode metrics = JSON.readTree(dir.resolve("result.json").toFile()).path("metrics");
        String row = out.lines().filter(l -> l.matches("\\s*\\d+\\s+" + slug + "\\s.*")).findFirst().orElseThrow();
        String[] cells = row.trim().split("\\s+");
        assertThat(cells[6].replace("*", "")).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f",
                metrics.path("joules_per_output_token").asDouble()));
        String active = metrics.path("active_joules_per_output_token").isNull() ? "n/a"
                : String.format(java.util.Locale.ROOT, "%.4f", metrics.path("active_joules_per_output_token").asDouble());
        assertThat(cells[7].replace("*", "")).isEqualTo(active);
    }

    private static void checkExperiment(Path dir) throws IOException {
        JsonNode result = JSON.readTree(dir.resolve("result.json").toFile());
        assertThat(result.path("verification").path("passed").asBoolean()).as(result.path("verification").toString())
                .isTrue();
        assertThat(lem("verify", dir.toString()).code()).isZero();
        List<JsonNode> requests = Files.readAllLines(dir.resolve("requests.jsonl")).stream()
                .map(JSON::readTree).toList();
        assertThat(requests).hasSize(7);
        assertThat(requests.stream().filter(r -> r.path("warmup").asBoolean())).hasSize(1);
        long promptTokens = 0;
        for (JsonNode r : requests) {
            assertThat(r.path("status").asString()).isEqualTo("ok");
            assertThat(r.path("completion_tokens").asInt()).isEqualTo(48);
            assertThat(r.path("chunks").asInt()).isEqualTo(48);
            assertThat(r.path("chunk_ms")).hasSize(48);
            assertThat(r.path("send_s").asDouble()).isLessThan(r.path("first_token_s").asDouble());
            assertThat(r.path("first_token_s").asDouble()).isLessThanOrEqualTo(r.path("end_s").asDouble());
            if (!r.path("warmup").asBoolean()) {
                promptTokens += r.path("prompt_tokens").asLong();
            }
        }
        JsonNode metrics = result.path("metrics");
        assertThat(metrics.path("output_tokens").asLong()).isEqualTo(6 * 48);
        assertThat(metrics.path("input_tokens").asLong()).isEqualTo(promptTokens);
        assertThat(metrics.path("total_tokens").asLong()).isEqualTo(promptTokens + 6 * 48);
        assertThat(metrics.path("total_energy_j").asDouble()).isPositive();
        assertThat(metrics.path("joules_per_output_token").asDouble())
                .isEqualTo(metrics.path("total_energy_j").asDouble() / (6 * 48));
        assertThat(metrics.has("gpu_energy_j")).isTrue();
        assertThat(metrics.path("gpu_energy_j").isNull()).isTrue();
        assertThat(result.path("experiment").path("config_hash").asString()).hasSize(64);
        assertThat(result.path("methods").path("meters")).isNotEmpty();
        assertThat(result.path("baseline").path("duration_s").asDouble()).isGreaterThanOrEqualTo(0.5);

        List<JsonNode> energyRows = Files.readAllLines(dir.resolve("request_energy.jsonl")).stream()
                .map(JSON::readTree).toList();
        assertThat(energyRows).hasSize(6);
        JsonNode attribution = result.path("attribution");
        JsonNode active = result.path("energy").path("active_energy_j");
        if (active.isNull()) { // a busy machine during the baseline: no active figure, so nothing is shared
            assertThat(energyRows).allMatch(r -> r.path("time_sharing_j").isNull());
        } else {
            double shared = energyRows.stream().mapToDouble(r -> r.path("time_sharing_j").asDouble()).sum();
            assertThat(shared + attribution.path("unattributed_j").asDouble())
                    .isCloseTo(active.asDouble(), org.assertj.core.data.Offset.offset(1e-6 * active.asDouble() + 1e-9));
        }
        assertThat(recomputedJoulesPerOutputToken(dir, result, requests))
                .isCloseTo(metrics.path("joules_per_output_token").asDouble(),
                        org.assertj.core.data.Percentage.withPercentage(0.1));

        List<String> power = Files.readAllLines(dir.resolve("power.csv"), StandardCharsets.UTF_8);
        assertThat(power.getFirst()).startsWith("t_s,");
        assertThat(power.size()).isGreaterThan(10);
        double lastT = -1;
        for (String line : power.subList(1, power.size())) {
            double t = Double.parseDouble(line.substring(0, line.indexOf(',')));
            assertThat(t).isGreaterThan(lastT);
            lastT = t;
        }
    }

    @Test
    void unknownKeyIsOneLineAndExitTwo() throws IOException {
        Run run = lem("run", study("bad-key", "workload: {concurrence: 2}").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("run: workload.concurrence: unknown key 'workload.concurrence'; fix: use one of")
                .doesNotContain("Exception").doesNotContain("\n");
    }

    @Test
    void unknownEngineTypeIsOneLineNamingTheKnownTypes() throws IOException {
        Run run = lem("run", study("bad-type", "engine: {model: " + model + "}").toString(),
                "--set", "engine.type=foo", "--results", tmp.resolve("r-type").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("run: engine.type: 'foo' is not a known engine type; fix: use one of "
                + "[embedded, external, llama_server, ollama, sglang, tgi, trtllm, vllm]");
        assertThat(tmp.resolve("r-type")).as("nothing is written before the engine type is known").doesNotExist();
    }

    @Test
    void negativeConcurrencyIsExitTwo() throws IOException {
        Run run = lem("run", study("neg", "engine: {model: " + model + "}").toString(),
                "--set", "workload.concurrency=-1");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("run: workload.concurrency: -1 is out of range; fix: give an integer "
                + "between 1 and 100000 (requests in flight (closed loop))");
    }

    @Test
    void missingModelFileIsExitTwo() throws IOException {
        Run run = lem("run", study("missing", "engine: {model: /nonexistent/model.gguf}").toString(),
                "--results", tmp.resolve("r-missing").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("run: engine.model: model file /nonexistent/model.gguf does not exist")
                .doesNotContain("Exception");
    }

    @Test
    void badGgufIsExitTwoWithTheEnginesReason() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.gguf"), "this is not a model");
        Run run = lem("run", study("badgguf", "engine: {model: " + bad + "}\nmeasurement: {baseline_s: 0}").toString(),
                "--results", tmp.resolve("r-bad").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("not a GGUF file").doesNotContain("Exception");
    }

    @Test
    void studyFileThatDoesNotExistIsExitTwo() {
        Run run = lem("run", tmp.resolve("nope.yaml").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("does not exist");
    }

    @Test
    void serveOnAPortInUseIsExitTwo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = lem("serve", "--model", model.toString(), "--port", Integer.toString(taken.getLocalPort()));
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains(Integer.toString(taken.getLocalPort())).doesNotContain("Exception");
        }
    }

    @Test
    void metersListsEveryMeterWithAReason() {
        Run run = lem("meters");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("rapl", "process");
    }
}
