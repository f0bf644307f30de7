package io.lem.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lem.result.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import io.lem.testkit.NvmlStub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The GPU kit's hidden commands: {@code lem power compare} on a CSV, {@code lem power gpus} on the NVML stub. */
class PowerCompareCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int lem(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void compareWritesTheSameJsonItPrints() throws Exception {
        // a constant 200 W: counter, averaged and instant power agree, over 4 s of 10 Hz rows
        StringBuilder csv = new StringBuilder("t_s,gpu0_energy_j,gpu0:power_w,gpu0:power_instant_w\n");
        for (int i = 0; i <= 40; i++) {
            csv.append(i / 10.0).append(',').append(20.0 * i).append(",200.0,200.0\n");
        }
        Path file = Files.writeString(dir.resolve("power.csv"), csv);
        Path json = dir.resolve("compare.json");
        assertThat(lem("power", "compare", file.toString(), "--windows", "0.5,2", "--output", json.toString()))
                .as(err.toString()).isZero();
        JsonNode printed = Json.pretty().readTree(out.toString());
        assertThat(Json.pretty().readTree(Files.readString(json))).isEqualTo(printed);
        JsonNode gpu = printed.get("gpus").get(0);
        assertThat(gpu.get("gpu").asString()).isEqualTo("gpu0");
        assertThat(gpu.get("span").get("rule").asString()).startsWith("whole file");
        assertThat(gpu.get("instant_rel_diff").asDouble()).isCloseTo(0, within(1e-9));
        assertThat(gpu.get("windows")).extracting(w -> w.get("window_s").asDouble()).containsExactly(0.5, 2.0);
    }

    @Test
    void aMissingFileOrABadWindowIsOneLineAndExit2() throws Exception {
        assertThat(lem("power", "compare", dir.resolve("none.csv").toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("compare: no such file: " + dir.resolve("none.csv"));
        err.getBuffer().setLength(0);
        Path file = Files.writeString(dir.resolve("power.csv"), "t_s,gpu0_energy_j\n0.0,0.0\n1.0,5.0\n");
        assertThat(lem("power", "compare", file.toString(), "--windows", "-1")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("compare: --windows").doesNotContain("\n");
    }

    @Test
    void gpusPrintsWhatNvmlDescribes() throws Exception {
        Path stub = NvmlStub.compiled();
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                PowerMain.class.getName(), "gpus").redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("LEM_NVML_LIB", stub.toString());
        Process lem = pb.start();
        String printed = new String(lem.getInputStream().readAllBytes());
        assertThat(lem.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lem.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        JsonNode gpus = Json.pretty().readTree(printed);
        assertThat(gpus).hasSize(2);
        assertThat(List.of(gpus.get(0).get("domain").asString(), gpus.get(1).get("domain").asString()))
                .containsExactly("gpu0", "gpu1");
        assertThat(gpus.get(0).get("driver_version").asString()).isNotBlank();
        assertThat(gpus.get(0).get("instant_power_supported").asBoolean()).isTrue();
    }
}
