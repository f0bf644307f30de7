package io.lem.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.lem.analysis.flops.Architecture;
import io.lem.config.ExperimentConfig;
import io.lem.engine.PreparedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A managed engine describes its model from a local config.json, and nothing for a hub id. */
class ManagedArchitectureTest {

    @TempDir
    Path tmp;

    @Test
    void readsALocalConfigJsonAndNothingForAHubId() throws IOException {
        Path model = Files.createDirectories(tmp.resolve("qwen"));
        Files.writeString(model.resolve("config.json"), """
                {"model_type": "qwen2", "hidden_size": 896, "num_hidden_layers": 24, "num_attention_heads": 14,
                 "num_key_value_heads": 2, "intermediate_size": 4864, "vocab_size": 151936,
                 "hidden_act": "silu", "tie_word_embeddings": true}
                """);
        VllmDriver driver = new VllmDriver(new JavaCommand("java", "cp"));
        ExperimentConfig local = ExperimentConfig.resolve(1, Map.of("engine.type", "vllm", "engine.model",
                model.toString()));
        Architecture a = driver.architecture(local.engine(), driver.prepare(local.engine(), s -> { })).orElseThrow();
        assertThat(a.layers()).isEqualTo(24);
        assertThat(a.hiddenSize()).isEqualTo(896);
        assertThat(a.kvHeads()).isEqualTo(2);
        assertThat(a.gated()).isTrue();
        ExperimentConfig hub = ExperimentConfig.resolve(1, Map.of("engine.type", "vllm", "engine.model",
                "Qwen/Qwen2.5-0.5B-Instruct"));
        assertThat(driver.architecture(hub.engine(), new PreparedModel("Qwen/Qwen2.5-0.5B-Instruct",
                Path.of("Qwen/Qwen2.5-0.5B-Instruct")))).isEmpty();
    }
}
