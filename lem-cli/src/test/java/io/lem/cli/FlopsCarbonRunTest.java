package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.lem.llamacpp.gguf.TensorType;
import io.lem.llamacpp.synth.ModelPreset;
import io.lem.llamacpp.synth.SyntheticModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.lem.testkit.ResultSchemas;

/**
 * Issue 9: a real tiny {@code lem run} writes FLOPs from the GGUF it launched and carbon from an explicit intensity,
 * both recomputed here by hand from the tiny preset's shape, requests.jsonl's tokens and result.json's energy.
 */
class FlopsCarbonRunTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    // the tiny preset: d = 64, L = 2, h = 4, h_kv = 2 (d_h = 16), f = 172 (gated), V = 512
    private static final double D = 64;
    private static final double L = 2;
    private static final double N_LAYER = D * D + 2 * D * 2 * 16 + D * D + 3 * D * 172; // Q, K+V, O, gate/up/down
    private static final double LOGITS = 2 * D * 512;

    /** methods.md: 2·L·N_layer·P + 2·L·d·P·(P+1) + 2·d·V. */
    private static double prefill(long p) {
        return 2 * L * N_LAYER * p + 2 * L * D * p * (p + 1) + LOGITS;
    }

    /** methods.md: Σ_{t=P+1..P+G} (2·L·N_layer + 4·L·t·d + 2·d·V), summed term by term. */
    private static double decode(long p, long g) {
        double sum = 0;
        for (long t = p + 1; t <= p + g; t++) {
            sum += 2 * L * N_LAYER + 4 * L * t * D + LOGITS;
        }
        return sum;
    }

    @Test
    void resultJsonHoldsFlopsFromTheGgufAndCarbonFromTheGivenIntensity() throws IOException {
        Path model = SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 1, tmp.resolve("tiny.gguf"));
        Path file = Files.writeString(tmp.resolve("fc.yaml"), """
                study_name: fc
                engine: {model: %s, threads: 1, ctx: 256, parallel: 2}
                workload: {requests: 4, concurrency: 2, input_tokens: 16, max_output_tokens: 12}
                measurement: {baseline_s: 0.3, warmup_requests: 1, sample_rate_hz: 20}
                carbon: {intensity_g_per_kwh: 400, pue: 1.5, wue_l_per_kwh: 1.8}
                """.formatted(model));
        Path results = tmp.resolve("results");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "run", file.toString(), "--results",
                results.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("verification: passed");
        Path dir;
        try (Stream<Path> found = Files.find(results, 3, (p, a) -> p.getFileName().toString().equals("result.json"))) {
            dir = found.findFirst().orElseThrow().getParent();
        }
        ResultSchemas.assertMatches("result", dir.resolve("result.json"));
        JsonNode result = JSON.readTree(dir.resolve("result.json").toFile());

        double prefill = 0;
        double decode = 0;
        long outputTokens = 0;
        int ok = 0;
        try (BufferedReader lines = Files.newBufferedReader(dir.resolve("requests.jsonl"))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode r = JSON.readTree(line);
                if (r.path("warmup").asBoolean() || !r.path("status").asString().equals("ok")) {
                    continue;
                }
                long p = r.path("prompt_tokens").asLong();
                long g = r.path("completion_tokens").asLong();
                prefill += prefill(p);
                decode += decode(p, g);
                outputTokens += g;
                ok++;
            }
        }
        assertThat(ok).isEqualTo(4);
        JsonNode m = result.path("metrics");
        assertThat(m.path("flops_prefill").asDouble()).isEqualTo(prefill);
        assertThat(m.path("flops_decode").asDouble()).isEqualTo(decode);
        assertThat(m.path("flops_total").asDouble()).isEqualTo(prefill + decode);
        assertThat(m.path("flops_method").asString()).isEqualTo("architecture");
        // GGUF says nothing about tied embeddings: one assumption, so medium
        assertThat(m.path("flops_confidence").asString()).isEqualTo("medium");
        assertThat(m.path("flops_assumptions").toString()).contains("untied");
        assertThat(m.path("flops_per_output_token").asDouble())
                .isCloseTo((prefill + decode) / outputTokens, within(1e-6));
        assertThat(m.path("flops_per_second").asDouble())
                .isCloseTo((prefill + decode) / m.path("inference_time_sec").asDouble(), within(1e-3));
        double energyJ = result.path("energy").path("total_energy_j").asDouble();
        assertThat(m.path("flops_per_joule").asDouble()).isCloseTo((prefill + decode) / energyJ, within(1e-3));
        JsonNode arch = result.path("methods").path("architecture");
        assertThat(arch.path("layers").asInt()).isEqualTo(2);
        assertThat(arch.path("hidden_size").asInt()).isEqualTo(64);
        assertThat(arch.path("vocab_size").asInt()).isEqualTo(512);

        JsonNode c = result.path("carbon");
        double kwh = energyJ / 3.6e6;
        assertThat(c.path("intensity_g_per_kwh").asDouble()).isEqualTo(400.0);
        assertThat(c.path("intensity_source").asString()).isEqualTo("explicit");
        assertThat(c.path("co2_g").asDouble()).isCloseTo(kwh * 400 * 1.5, within(1e-12));
        assertThat(c.path("water_l").asDouble()).isCloseTo(kwh * 1.5 * 1.8, within(1e-12));
        assertThat(c.path("co2_g_per_request").asDouble()).isCloseTo(kwh * 400 * 1.5 / 4, within(1e-12));
        assertThat(c.path("co2_g_per_1k_output_tokens").asDouble())
                .isCloseTo(kwh * 400 * 1.5 * 1000 / outputTokens, within(1e-12));
        // the typed reader sees the same figures
        io.lem.result.ResultFile typed = io.lem.result.ResultFormats.RESULT.read(dir.resolve("result.json"));
        assertThat(typed.metrics().flopsTotal()).isEqualTo(prefill + decode);
        assertThat(typed.carbon().co2G()).isEqualTo(c.path("co2_g").asDouble());
        assertThat(typed.carbon().intensitySource()).isEqualTo("explicit");

        // lem verify recomputes the FLOPs from requests.jsonl and methods.architecture: a changed total fails
        StringWriter vOut = new StringWriter();
        assertThat(Main.execute(new PrintWriter(vOut), new PrintWriter(new StringWriter()), "verify", dir.toString()))
                .as(vOut.toString()).isZero();
        Path resultFile = dir.resolve("result.json");
        String original = Files.readString(resultFile);
        String total = m.path("flops_total").toString();
        assertThat(original).contains("\"flops_total\" : " + total);
        Files.writeString(resultFile, original.replace("\"flops_total\" : " + total,
                "\"flops_total\" : " + (prefill + decode) * 1.01));
        StringWriter tampered = new StringWriter();
        int verifyCode = Main.execute(new PrintWriter(tampered), new PrintWriter(tampered), "verify", dir.toString());
        assertThat(verifyCode).as(tampered.toString()).isNotZero();
        assertThat(tampered.toString()).contains("metrics.flops_total");
        Files.writeString(resultFile, original);

        // carbon keys change no physics: the config hash is that of the same experiment without them
        assertThat(result.path("experiment").path("config").path("carbon.pue").asDouble()).isEqualTo(1.5);
    }
}
