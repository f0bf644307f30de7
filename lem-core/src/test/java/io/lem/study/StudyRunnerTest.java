package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.lem.Lem;
import io.lem.analysis.stats.Slo;
import io.lem.config.ConfigException;
import io.lem.plan.StudyConfig;
import io.lem.plan.StudyLoader;
import io.lem.plan.Point;
import io.lem.plan.Run;
import io.lem.result.Json;
import io.lem.testkit.ResultSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The study runner over a {@link ScriptedExecutor}: the order of runs, the directory layout, the manifest, resume,
 * the design-hash refusal, the circuit breaker, adaptive cycles and study.json's statistics, each checked against
 * values worked out by hand from the script.
 */
class StudyRunnerTest {

    /** Cycle noise: the bootstrap CI of three values a−d, a, a+d is exactly [a−d, a+d] (see below). */
    private static final double[] EPS = {-0.002, 0, 0.002};

    @TempDir
    Path tmp;

    private StudyConfig barSweep(String extra) throws IOException {
        Path model = Files.writeString(tmp.resolve("stand-in.gguf"), "not read");
        Path file = Files.writeString(tmp.resolve("bar.yaml"), """
                study_name: bar-sweep
                engine: {type: embedded, model: %s}
                workload: {requests: 16, max_output_tokens: 16}
                sweep:
                  engine.parallel: [1, 2]
                  workload.concurrency: [1, 2]
                execution: {cycles: 3, order: shuffle%s}
                """.formatted(model, extra));
        return StudyLoader.load(file, Map.of());
    }

    /** J/output-token = 0.10 + 0.05 (parallel − 1) + 0.01 (concurrency − 1) + EPS[cycle]; TTFT = 100 · concurrency. */
    private static ScriptedExecutor.Step bar(Unit unit) {
        int p = unit.config().engine().parallel();
        int c = unit.config().workload().concurrency();
        return ScriptedExecutor.Step.done(0.10 + 0.05 * (p - 1) + 0.01 * (c - 1) + EPS[unit.cycle() - 1], 100.0 * c);
    }

    private static StudyResult run(StudyConfig study, Path dir, Executor executor, StudyOptions options)
            throws IOException {
        return Lem.builder().engine(new StandInDriver()).executor(executor).build().runStudy(study, dir, options);
    }

    @Test
    void runsEveryPointAndCycleInPlanOrderAndWritesTheStatistics() throws IOException {
        StudyConfig study = barSweep("");
        ScriptedExecutor executor = new ScriptedExecutor(StudyRunnerTest::bar);
        Path dir = tmp.resolve("s");

        StudyResult result = run(study, dir, executor, StudyOptions.DEFAULT.withSlo(Slo.parse("ttft_p50:150")));

        assertThat(result.state()).isEqualTo(StudyResult.FINISHED);
        assertThat(executor.calls).containsExactlyElementsOf(study.plan().runs().stream()
                .map(r -> r.point() + "." + r.cycle()).toList()).hasSize(12);
        for (Run r : study.plan().runs()) {
            Point p = study.plan().point(r.point());
            assertThat(dir.resolve(String.format("%03d-%s-%s/cycle-%d/result.json", p.index(), p.config().slug(),
                    p.hash8(), r.cycle()))).isRegularFile();
        }
        JsonNode json = Json.compact().readTree(dir.resolve("study.json").toFile());
        assertThat(ResultSchemas.violations("study", dir.resolve("study.json"))).isEmpty();
        assertThat(json.path("study_design_hash").asString()).isEqualTo(study.plan().studyDesignHash());
        assertThat(json.path("points")).hasSize(4);
        for (JsonNode point : json.path("points")) {
            int parallel = point.path("keys").path("engine.parallel").asInt();
            int concurrency = point.path("keys").path("workload.concurrency").asInt();
            double a = 0.10 + 0.05 * (parallel - 1) + 0.01 * (concurrency - 1);
            JsonNode jpt = point.path("metrics").path("joules_per_output_token");
            assertThat(point.path("cycles").toString()).isEqualTo("[\"done\",\"done\",\"done\"]");
            assertThat(jpt.path("n").asInt()).isEqualTo(3);
            assertThat(jpt.path("mean_j_per_output_token").asDouble()).isCloseTo(a, within(1e-12));
            assertThat(jpt.path("per_cycle_j_per_output_token").get(0).asDouble()).isCloseTo(a - 0.002, within(1e-12));
            // {a−d, a, a+d}: s = d, so Student's t interval (3 cycles) is a ± t(0.975, 2)·d/√3, t = 4.302653 (table:
            // 4.303); a percentile bootstrap would have given [a−d, a+d], the range, too narrow for 95 %
            double halfWidth = 4.302653 * 0.002 / Math.sqrt(3);
            assertThat(jpt.path("ci").path("method").asString()).isEqualTo("student_t");
            assertThat(jpt.path("ci").path("lower_j_per_output_token").asDouble()).isCloseTo(a - halfWidth, within(1e-8));
            assertThat(jpt.path("ci").path("upper_j_per_output_token").asDouble()).isCloseTo(a + halfWidth, within(1e-8));
            assertThat(point.path("metrics").propertyNames()).containsExactly("joules_per_output_token",
                    "active_joules_per_output_token", "tokens_per_second", "ttft_median_ms",
                    "e2e_latency_median_ms", "total_energy_j", "flops_per_joule", "flops_per_output_token",
                    "co2_g_per_1k_output_tokens", "co2_g_per_request");
        }

        // η² by hand: 12 values; parallel shifts by 0.05, concurrency by 0.01, cycles by EPS
        List<double[]> rows = new ArrayList<>(); // {parallel, concurrency, value}
        for (int p = 1; p <= 2; p++) {
            for (int c = 1; c <= 2; c++) {
                for (double e : EPS) {
                    rows.add(new double[] {p, c, 0.10 + 0.05 * (p - 1) + 0.01 * (c - 1) + e});
                }
            }
        }
        double grand = rows.stream().mapToDouble(r -> r[2]).average().orElseThrow();
        double ssTotal = rows.stream().mapToDouble(r -> (r[2] - grand) * (r[2] - grand)).sum();
        JsonNode factors = json.path("analysis").path("factors").path("factors");
        assertThat(factors.get(0).path("factor").asString()).isEqualTo("engine.parallel");
        assertThat(factors.get(1).path("factor").asString()).isEqualTo("workload.concurrency");
        for (int f = 0; f < 2; f++) {
            int column = f;
            double ssBetween = 0;
            for (int level = 1; level <= 2; level++) {
                int l = level;
                double mean = rows.stream().filter(r -> r[column] == l).mapToDouble(r -> r[2]).average().orElseThrow();
                ssBetween += 6 * (mean - grand) * (mean - grand);
            }
            assertThat(factors.get(f).path("eta_squared").asDouble()).isCloseTo(ssBetween / ssTotal, within(1e-9));
        }
        assertThat(json.path("analysis").path("anova").path("applicable").asBoolean(true)).isTrue();
        // SLO ttft_p50 ≤ 150 ms keeps the concurrency-1 points; the cheaper of them is parallel 1
        String cheapest = result.points().stream().filter(p -> p.point().declared().get("engine.parallel").equals(1L)
                && p.point().declared().get("workload.concurrency").equals(1L)).findFirst().orElseThrow()
                .point().hash8();
        assertThat(result.analysis().slo().selected().id()).isEqualTo(cheapest);
        assertThat(json.path("analysis").path("pareto_energy_throughput").path("points")).isNotEmpty();
        JsonNode manifest = Json.compact().readTree(dir.resolve(StudyManifest.FILE).toFile());
        assertThat(manifest.path("state").asString()).isEqualTo("finished");
        assertThat(manifest.path("runs")).hasSize(12).allSatisfy(r -> assertThat(r.path("status").asString())
                .isEqualTo("done"));
    }

    @Test
    void resumeRerunsTheInterruptedAndTheUnfinishedAndKeepsTheRest() throws IOException {
        StudyConfig study = barSweep("");
        Path dir = tmp.resolve("s");
        int[] n = {0};
        ScriptedExecutor first = new ScriptedExecutor(u -> ++n[0] == 5
                ? ScriptedExecutor.Step.ended(RunStatus.INTERRUPTED) : bar(u));

        StudyResult stopped = run(study, dir, first, StudyOptions.DEFAULT);

        assertThat(stopped.state()).isEqualTo(StudyResult.INTERRUPTED);
        assertThat(stopped.message()).contains("--resume " + dir);
        assertThat(first.calls).hasSize(5);
        StudyManifest manifest = StudyManifest.read(dir);
        assertThat(manifest.state()).isEqualTo("interrupted");
        assertThat(manifest.runs().get(4).status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(manifest.runs().subList(5, 12)).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.PENDING));
        // and a unit that died before its result.json: its directory holds only raw files
        Path lost = dir.resolve(manifest.runs().get(1).dir());
        Files.delete(lost.resolve("result.json"));
        Files.writeString(lost.resolve("power.csv"), "t_s\n");

        ScriptedExecutor second = new ScriptedExecutor(StudyRunnerTest::bar);
        StudyResult resumed = run(study, dir, second, StudyOptions.DEFAULT);

        List<String> order = study.plan().runs().stream().map(r -> r.point() + "." + r.cycle()).toList();
        List<String> expected = new ArrayList<>(List.of(order.get(1)));
        expected.addAll(order.subList(4, 12));
        assertThat(second.calls).containsExactlyElementsOf(expected);
        assertThat(resumed.state()).isEqualTo(StudyResult.FINISHED);
        assertThat(resumed.outcomes().stream().filter(o -> o.status().equals("skipped"))).hasSize(3);
        assertThat(resumed.points()).allSatisfy(p -> assertThat(p.joulesPerOutputToken().n()).isEqualTo(3));
        try (Stream<Path> siblings = Files.list(lost.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith(lost.getFileName() + ".interrupted-"));
        }
    }

    @Test
    void resumeRefusesAChangedDesignAndNamesThePointsAddedAndRemoved() throws IOException {
        Path dir = tmp.resolve("s");
        StudyConfig study = barSweep("");
        run(study, dir, new ScriptedExecutor(StudyRunnerTest::bar), StudyOptions.DEFAULT);
        String removed = study.plan().points().stream().filter(p -> p.declared().get("engine.parallel").equals(2L))
                .map(Point::hash8).findFirst().orElseThrow();
        Files.writeString(tmp.resolve("bar.yaml"), Files.readString(tmp.resolve("bar.yaml"))
                .replace("engine.parallel: [1, 2]", "engine.parallel: [1, 4]"));
        StudyConfig changed = StudyLoader.load(tmp.resolve("bar.yaml"), Map.of());
        String added = changed.plan().points().stream().filter(p -> p.declared().get("engine.parallel").equals(4L))
                .map(Point::hash8).findFirst().orElseThrow();
        ScriptedExecutor never = new ScriptedExecutor(StudyRunnerTest::bar);

        assertThatThrownBy(() -> run(changed, dir, never, StudyOptions.DEFAULT))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--resume: " + dir + " holds study design "
                        + study.plan().studyDesignHash().substring(0, 16))
                .hasMessageContaining("added: " + added + " {engine.parallel=4, workload.concurrency=1}")
                .hasMessageContaining(removed + " {engine.parallel=2, workload.concurrency=1}")
                .hasMessageContaining("fix: ");
        assertThat(never.calls).isEmpty();
    }

    @Test
    void theCircuitBreakerPausesAfterKFailuresInARowAndTheStudyResumes() throws IOException {
        StudyConfig study = barSweep(", max_consecutive_failures: 2");
        Path dir = tmp.resolve("s");
        ScriptedExecutor failing = new ScriptedExecutor(u -> ScriptedExecutor.Step.ended(RunStatus.FAILED));

        StudyResult paused = run(study, dir, failing, StudyOptions.DEFAULT);

        assertThat(failing.calls).hasSize(2);
        assertThat(paused.state()).isEqualTo(StudyResult.PAUSED);
        assertThat(paused.message()).startsWith("2 runs failed in a row (execution.max_consecutive_failures)")
                .contains("lem run --resume " + dir);
        assertThat(StudyManifest.read(dir).state()).isEqualTo("paused");
        JsonNode json = Json.compact().readTree(dir.resolve("study.json").toFile());
        assertThat(json.path("analysis").path("stopped").asString()).isEqualTo(paused.message());
        assertThat(ResultSchemas.violations("study", dir.resolve("study.json"))).isEmpty();

        ScriptedExecutor working = new ScriptedExecutor(StudyRunnerTest::bar);
        assertThat(run(study, dir, working, StudyOptions.DEFAULT).state()).isEqualTo(StudyResult.FINISHED);
        assertThat(working.calls).hasSize(12);
    }

    /** Two points, precision ±2 %, 3 to 5 cycles, interleaved. */
    private StudyConfig adaptiveStudy() throws IOException {
        return StandInDriver.study(tmp, "stand-in.gguf", """
                study_name: adaptive
                engine: {type: embedded, model: %s}
                sweep: {engine.parallel: [1, 2]}
                execution: {precision: 0.02, min_cycles: 3, max_cycles: 5, order: interleave}
                """);
    }

    /** Parallel 1: ±0.1 % noise, inside ±2 % at once; parallel 2: ±50 %, never inside. */
    private static ScriptedExecutor.Step adaptiveStep(Unit u) {
        double noise = u.cycle() % 2 == 0 ? 1 : -1;
        return ScriptedExecutor.Step.done(u.config().engine().parallel() == 1 ? 1.0 + 0.001 * noise
                : 1.0 + 0.5 * noise, 100);
    }

    @Test
    void adaptiveCyclesStopEachPointWhenItsIntervalIsNarrowEnough() throws IOException {
        StudyConfig study = adaptiveStudy();
        ScriptedExecutor executor = new ScriptedExecutor(StudyRunnerTest::adaptiveStep);

        StudyResult result = run(study, tmp.resolve("s"), executor, StudyOptions.DEFAULT);

        assertThat(executor.calls).containsExactly("1.1", "2.1", "1.2", "2.2", "1.3", "2.3", "2.4", "2.5");
        assertThat(result.points().get(0).precisionReached()).isTrue();
        assertThat(result.points().get(1).precisionReached()).isFalse();
        JsonNode json = Json.compact().readTree(tmp.resolve("s/study.json").toFile());
        assertThat(json.path("points").get(0).path("precision_reached").asBoolean()).isTrue();
        assertThat(json.path("points").get(1).path("precision_reached").asBoolean(true)).isFalse();
        assertThat(json.path("analysis").path("adaptive").path("reached").toString())
                .isEqualTo("[\"" + study.plan().point(1).hash8() + "\"]");
    }

    /**
     * The same adaptive study with its runs executed elsewhere, as lem-slurm does (open, run each pending unit, close,
     * then addAdaptiveCycle for the next round): the same runs in waves, the same points reached.
     */
    @Test
    void adaptiveCyclesOfAnOpenedStudyComeOneRoundAtATime() throws IOException {
        StudyConfig study = adaptiveStudy();
        ScriptedExecutor executor = new ScriptedExecutor(StudyRunnerTest::adaptiveStep);
        Lem lem = Lem.builder().engine(new StandInDriver()).executor(executor).build();
        Path dir = tmp.resolve("s");

        List<List<String>> waves = new ArrayList<>();
        StudyManifest manifest = lem.openStudy(study, dir);
        for (int round = 0; round < 10; round++) {
            List<String> wave = new ArrayList<>();
            Map<Integer, UnitOutcome> ended = new java.util.TreeMap<>();
            for (int i = 0; i < manifest.runs().size(); i++) {
                StudyManifest.RunEntry run = manifest.runs().get(i);
                if (run.status() == RunStatus.PENDING) {
                    wave.add(run.point() + "." + run.cycle());
                    ended.put(i, lem.runUnit(dir, i));
                }
            }
            waves.add(wave);
            lem.closeStudy(study, dir, ended, StudyOptions.DEFAULT, StudyResult.FINISHED, null);
            if (lem.addAdaptiveCycle(study, dir, StudyOptions.DEFAULT) == 0) {
                break;
            }
            manifest = lem.openStudy(study, dir);
        }

        assertThat(waves).containsExactly(List.of("1.1", "2.1", "1.2", "2.2", "1.3", "2.3"), List.of("2.4"),
                List.of("2.5"));
        assertThat(executor.calls).containsExactly("1.1", "2.1", "1.2", "2.2", "1.3", "2.3", "2.4", "2.5");
        JsonNode json = Json.compact().readTree(dir.resolve("study.json").toFile());
        assertThat(json.path("analysis").path("adaptive").path("reached").toString())
                .isEqualTo("[\"" + study.plan().point(1).hash8() + "\"]");
        assertThat(json.path("points").get(1).path("metrics").path("joules_per_output_token").path("n").asInt())
                .isEqualTo(5);
        assertThat(StudyManifest.read(dir).runs()).hasSize(8).allSatisfy(r ->
                assertThat(r.status()).isEqualTo(RunStatus.DONE));
        StudyConfig fixed = barSweep("");
        lem.openStudy(fixed, tmp.resolve("fixed"));
        assertThat(lem.addAdaptiveCycle(fixed, tmp.resolve("fixed"), StudyOptions.DEFAULT)).isZero();
    }

    @Test
    void aUnitCanBeRebuiltFromTheManifestAlone() throws IOException {
        StudyConfig study = barSweep("");
        Path dir = tmp.resolve("s");
        run(study, dir, new ScriptedExecutor(StudyRunnerTest::bar), StudyOptions.DEFAULT);

        StudyManifest manifest = StudyManifest.read(dir);
        for (int i = 0; i < manifest.runs().size(); i++) {
            Unit unit = manifest.unit(dir, i);
            Run planned = study.plan().runs().get(i);
            assertThat(unit.point()).isEqualTo(planned.point());
            assertThat(unit.cycle()).isEqualTo(planned.cycle());
            assertThat(unit.config().hash()).isEqualTo(study.plan().point(planned.point()).hash());
            assertThat(unit.dir()).isEqualTo(dir.resolve(manifest.runs().get(i).dir()));
        }
    }

    @Test
    void thePhaseSplitIsFittedWhenPromptAndOutputLengthsVaryIndependently() throws IOException {
        StudyConfig study = StandInDriver.study(tmp, "stand-in.gguf", """
                study_name: phase
                engine: {type: embedded, model: %s}
                sweep: {workload.input_tokens: [16, 128], workload.max_output_tokens: [16, 64]}
                execution: {cycles: 2}
                """);
        double alpha = 0.002;
        double beta = 0.05;
        // E_active = α·T_prefill + β·T_gen exactly, with 16 requests' worth of tokens per cycle
        Function<Unit, ScriptedExecutor.Step> script = u -> {
            double in = 16.0 * u.config().workload().inputTokens();
            double out = 16.0 * u.config().workload().maxOutputTokens();
            double active = alpha * in + beta * out;
            return new ScriptedExecutor.Step(RunStatus.DONE, active / out, 100, 10, active, in, out);
        };

        StudyResult result = run(study, tmp.resolve("s"), new ScriptedExecutor(script), StudyOptions.DEFAULT);

        assertThat(result.analysis().phaseSplit().alpha().estimate()).isCloseTo(alpha, within(1e-12));
        assertThat(result.analysis().phaseSplit().beta().estimate()).isCloseTo(beta, within(1e-12));
        assertThat(result.analysis().phaseSplit().fit().rSquared()).isCloseTo(1.0, within(1e-12));
        JsonNode split = Json.compact().readTree(tmp.resolve("s/study.json").toFile()).path("analysis")
                .path("phase_split");
        assertThat(split.isObject()).isTrue();
        assertThat(ResultSchemas.violations("study", tmp.resolve("s/study.json"))).isEmpty();
    }

    @Test
    void withoutVaryingLengthsThePhaseSplitSaysWhyNot() throws IOException {
        StudyResult result = run(barSweep(""), tmp.resolve("s"), new ScriptedExecutor(StudyRunnerTest::bar),
                StudyOptions.DEFAULT);
        assertThat(result.analysis().phaseSplit()).isNull();
        assertThat(result.analysis().phaseSplitNote()).startsWith("not identifiable: ")
                .contains("lem run --print-example phase-split");
    }
}
