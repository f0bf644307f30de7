package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.lem.Lem;
import io.lem.config.ConfigException;
import io.lem.meter.nvml.NvmlOptions;
import io.lem.testkit.NvmlStub;
import io.lem.plan.StudyLoader;
import io.lem.result.Json;
import io.lem.result.ResultFile;
import io.lem.result.ResultFormats;
import io.lem.testkit.ResultSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code gpu.power_limit_w} against the NVML stub (two H100-like GPUs: limit 700 W, allowed 200 to 700 W): set on
 * every engine GPU before the engine starts, restored after, also when the experiment fails or times out; the
 * stub enforces the range and root like the driver, and records each accepted set call.
 */
class PowerLimitTest {

    /** HangingEngine answers its first two chat requests: one warm-up and one measured request finish. */
    private static final String ANSWERED = "workload: {requests: 1, input_tokens: 8, max_output_tokens: 4}\n";
    /** More requests than it answers: the engine stalls and lem fails the experiment after 1.5 s. */
    private static final String STALLS = "workload: {requests: 8, input_tokens: 8, max_output_tokens: 4, "
            + "request_timeout_s: 1.5}\n";

    @TempDir
    Path tmp;

    @Test
    void theLimitIsSetBeforeTheEngineStartsRecordedAndRestoredAfter() throws Throwable {
        NvmlStub stub = NvmlStub.current();

        StudyResult result = run(stub, ANSWERED, "300");

        StudyResult.Outcome outcome = result.outcomes().getFirst();
        assertThat(outcome.status()).as(String.valueOf(outcome.error())).isEqualTo("done");
        assertThat(stub.setCalls()).containsExactly("gpu0=300000", "gpu1=300000", "gpu0=700000", "gpu1=700000");
        assertThat(stub.limitMw(0)).isEqualTo(700_000);
        JsonNode limit = Json.compact().readTree(outcome.dir().resolve("result.json").toFile()).path("gpu_power_limit");
        assertThat(limit.path("requested_w").asDouble()).isEqualTo(300.0);
        assertThat(limit.path("gpus")).hasSize(2);
        JsonNode gpu0 = limit.path("gpus").get(0);
        assertThat(gpu0.path("domain").asString()).isEqualTo("gpu0");
        assertThat(gpu0.path("applied_w").asDouble()).isEqualTo(300.0);
        assertThat(gpu0.path("previous_w").asDouble()).isEqualTo(700.0);
        assertThat(gpu0.path("min_w").asDouble()).isEqualTo(200.0);
        assertThat(gpu0.path("max_w").asDouble()).isEqualTo(700.0);
        Path resultJson = outcome.dir().resolve("result.json");
        assertThat(ResultSchemas.violations("result", resultJson)).isEmpty();
        ResultFile.GpuPowerLimit typed = ResultFormats.RESULT.read(resultJson).gpuPowerLimit();
        assertThat(typed.requestedW()).isEqualTo(300.0);
        assertThat(typed.gpus()).extracting(ResultFile.GpuPowerLimit.Gpu::domain, ResultFile.GpuPowerLimit.Gpu::appliedW,
                ResultFile.GpuPowerLimit.Gpu::previousW).containsExactly(tuple("gpu0", 300.0, 700.0),
                tuple("gpu1", 300.0, 700.0));
    }

    @Test
    void onlyTheEnginesVisibleGpusAreLimitedAndAFailedExperimentStillRestoresThem() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.limitMw(1, 650_000); // a limit someone else set: that one comes back, not the default

        StudyResult result = run(stub, Map.of("CUDA_VISIBLE_DEVICES", "1"), STALLS, "250");

        assertThat(result.outcomes().getFirst().status()).isEqualTo("failed");
        assertThat(stub.setCalls()).containsExactly("gpu1=250000", "gpu1=650000");
    }

    @Test
    void aTimedOutExperimentRestoresTheLimit() throws Throwable {
        NvmlStub stub = NvmlStub.current();

        StudyResult result = run(stub, STALLS.replace("1.5", "60") + "execution: {experiment_timeout_s: 2}\n", "400");

        assertThat(result.outcomes().getFirst().status()).isEqualTo("timed_out");
        assertThat(stub.setCalls()).containsExactly("gpu0=400000", "gpu1=400000", "gpu0=700000", "gpu1=700000");
    }

    @Test
    void ctrlCDuringTheLoadRestoresTheLimit() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        java.util.concurrent.atomic.AtomicReference<Object> ended = new java.util.concurrent.atomic.AtomicReference<>();
        Thread study = Thread.ofPlatform().start(() -> {
            try {
                ended.set(run(stub, STALLS.replace("1.5", "60"), "350"));
            } catch (Exception e) {
                ended.set(e);
            }
        });
        // wait until the limit is set and the stalled load is under way, then interrupt as Ctrl-C does
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (stub.setCalls().size() < 2 || !Files.exists(tmp.resolve("study").resolve("manifest.json"))) {
            assertThat(System.nanoTime()).as("the limit was never set").isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(1000);
        study.interrupt();
        study.join(60_000);

        assertThat(ended.get()).isInstanceOf(StudyResult.class);
        assertThat(((StudyResult) ended.get()).outcomes().getFirst().status()).isEqualTo("interrupted");
        assertThat(stub.setCalls()).containsExactly("gpu0=350000", "gpu1=350000", "gpu0=700000", "gpu1=700000");
    }

    @Test
    void aLimitOutsideTheAllowedRangeNamesTheKeyTheValueAndTheRange() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.limitConstraints(1, 250_000, 600_000);

        assertThatThrownBy(() -> run(stub, ANSWERED, "212.5"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("gpu.power_limit_w: 212.5 W is outside GPU 1's allowed range 250 to 600 W "
                        + "(nvmlDeviceGetPowerManagementLimitConstraints); fix: choose a limit in that range");
        assertThat(stub.setCalls()).isEmpty();
    }

    @Test
    void withoutRootTheErrorSaysSoAndNothingIsChanged() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.requireRoot();

        assertThatThrownBy(() -> run(stub, ANSWERED, "300"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("gpu.power_limit_w: setting a GPU power limit needs root, as nvidia-smi -pl does (NVML "
                        + "answered NVML_ERROR_NO_PERMISSION); fix: run lem as root, or remove gpu.power_limit_w");
        assertThat(stub.setCalls()).isEmpty();
        assertThat(List.of(stub.limitMw(0), stub.limitMw(1))).containsExactly(700_000, 700_000);
    }

    @Test
    void whenTheSecondGpuRefusesTheFirstGetsItsLimitBack() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.fail("nvmlDeviceSetPowerManagementLimit", 1, 2); // NVML_ERROR_INVALID_ARGUMENT from GPU 1 only

        assertThatThrownBy(() -> run(stub, ANSWERED, "300")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("GPU 1: nvmlDeviceSetPowerManagementLimit returned NVML_ERROR_INVALID_ARGUMENT");
        assertThat(stub.setCalls()).containsExactly("gpu0=300000", "gpu0=700000");
    }

    private StudyResult run(NvmlStub stub, String workload, String limitW) throws Exception {
        return run(stub, Map.of(), workload, limitW);
    }

    private StudyResult run(NvmlStub stub, Map<String, String> env, String workload, String limitW) throws Exception {
        Path model = Files.writeString(tmp.resolve("stand-in.gguf"), "not read by the stand-in");
        String yaml = "study_name: limit\nengine: {model: " + model + "}\n" + workload
                + "measurement: {baseline_s: 0, warmup_requests: 1, meters: [process]}\n"
                + "gpu: {power_limit_w: " + limitW + "}\n";
        return Lem.builder().engine(new StandInDriver()).nvml(new NvmlOptions(stub.library().toString(), List.of(), env)).build()
                .runStudy(StudyLoader.parse(yaml, "limit.yaml", Map.of()), tmp.resolve("study"));
    }
}
