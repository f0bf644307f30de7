package io.lem.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lem.result.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import io.lem.testkit.NvmlStub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * scripts/gpu-check.sh: the script itself (cheap, always), and the built kit's whole run against the NVML stub
 * (tagged gpukit; only when {@code scripts/gpu-check.sh build} has made gpukit/, since the jlink build is too slow
 * for every test run). The stub's live counter rises at its average power, so the comparison must find the
 * averaged gauge agreeing with the counter and the instant gauge off by the stub's instant/average ratio.
 */
class GpuCheckScriptTest {

    private static final Path SCRIPT = Path.of("../scripts/gpu-check.sh").toAbsolutePath().normalize();
    private static final Path KIT = Path.of("../gpukit").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {
    }

    private Run bash(Map<String, String> env, long timeoutS, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(timeoutS, TimeUnit.SECONDS)).as(output).isTrue();
        return new Run(p.exitValue(), output);
    }

    @Test
    void theScriptParsesAndPassesShellcheckWhereInstalled() throws Exception {
        Run syntax = bash(Map.of(), 30, "bash", "-n", SCRIPT.toString());
        assertThat(syntax.exitCode()).as(syntax.output()).isZero();
        boolean shellcheck;
        try {
            shellcheck = new ProcessBuilder("shellcheck", "--version").start().waitFor() == 0;
        } catch (IOException e) {
            shellcheck = false;
        }
        assumeTrue(shellcheck, "shellcheck not found: install it to lint the script (Debian: apt-get install shellcheck)");
        Run lint = bash(Map.of(), 60, "shellcheck", "-x", "-P", SCRIPT.getParent().toString(), SCRIPT.toString());
        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    @Test
    void noSubcommandOrNoKitIsOneClearLineAndExit2() throws Exception {
        assertThat(bash(Map.of(), 30, "bash", SCRIPT.toString()).exitCode()).isEqualTo(2);
        // a copy of the script alone, with no runtime beside it nor a gpukit/ above it
        Path lone = Files.createDirectories(dir.resolve("a/b")).resolve("gpu-check.sh");
        Files.copy(SCRIPT, lone);
        Run run = bash(Map.of(), 30, "bash", lone.toString(), "run", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("fix: run 'scripts/gpu-check.sh build' first");
    }

    @Tag("gpukit")
    @Test
    void theBuiltKitRunsEveryStepAgainstTheNvmlStub() throws Exception {
        assumeTrue(Files.isExecutable(KIT.resolve("runtime/bin/java")),
                "no gpukit/: run scripts/gpu-check.sh build to test the kit");
        Path out = dir.resolve("report");
        Run run = bash(Map.of("LEM_NVML_LIB", NvmlStub.compiled().toString(), "NVML_STUB_LIVE", "1",
                "GPU_CHECK_LOG_S", "1", "GPU_CHECK_LOAD_S", "2", "GPU_CHECK_LOAD", "sleep 2"), 480,
                "bash", KIT.resolve("gpu-check.sh").toString(), "run", out.toString());
        assertThat(run.exitCode()).as(run.output()).isZero();

        JsonNode report = Json.pretty().readTree(Files.readString(out.resolve("report.json")));
        assertThat(report.get("all_steps_ok").asBoolean()).as(report.get("steps").toString()).isTrue();
        assertThat(report.get("steps")).extracting(s -> s.get("step").asString()).containsExactly("meters", "gpus",
                "log_10hz", "compare_10hz", "log_50hz", "compare_50hz", "log_100hz", "compare_100hz", "measure",
                "torch_log", "compare_torch");
        assertThat(report.get("meters").toString()).contains("nvml").contains("available");
        assertThat(report.get("gpus").get(0).get("name").asString()).isNotBlank();
        assertThat(report.get("build").get("kit_bytes").asLong()).isLessThan(64L * 1024 * 1024);
        for (String rate : List.of("10hz", "50hz", "100hz")) {
            assertThat(report.get("power_log").get(rate).get("rows").asInt()).as(rate).isPositive();
        }
        JsonNode gpu0 = report.get("comparison").get("gpus").get(0);
        assertThat(gpu0.get("average_rel_diff").asDouble()).isCloseTo(0, within(0.01));
        assertThat(gpu0.get("instant_rel_diff").asDouble()).isCloseTo(
                NvmlStub.INSTANT_POWER_W / NvmlStub.AVERAGE_POWER_W - 1, within(0.01));
        assertThat(gpu0.get("windows").get(0).get("instant").get("windows_compared").asInt()).isPositive();
    }
}
