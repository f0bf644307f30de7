package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.lem.config.ConfigException;
import io.lem.result.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which row of lem's hardware table a measured point is predicted on. */
class PointPredictionsTest {

    private static final PointPredictions MATCH = new PointPredictions((point, hw) -> null, null);

    private static JsonNode env(String json) {
        return Json.compact().readTree(json);
    }

    @Test
    void anNvmlNameMatchesTheRowOfItsModelAtItsPowerLimit() {
        var chosen = MATCH.hardware(env("""
                {"cpu_model": "x", "gpus": [{"domain": "gpu0", "name": "NVIDIA H100 80GB HBM3", "power_limit_w": 500.0}]}
                """)).orElseThrow();
        assertThat(chosen.spec().name()).isEqualTo("H100-SXM");
        assertThat(chosen.spec().powerW()).isEqualTo(500.0);
        assertThat(chosen.how()).contains("NVIDIA H100 80GB HBM3").contains("500.0 W");
        assertThat(MATCH.hardware(env("{\"gpus\": [{\"name\": \"NVIDIA A100-SXM4-80GB\"}]}")).orElseThrow().spec()
                .name()).isEqualTo("A100-SXM-80GB");
    }

    @Test
    void aWordMustMatchWholeAndCpusMatchByModelString() {
        // L40S is not an L4
        assertThat(MATCH.hardware(env("{\"cpu_model\": \"Intel Xeon\", \"gpus\": [{\"name\": \"NVIDIA L40S\"}]}")))
                .isEmpty();
        assertThat(MATCH.hardware(env("{\"cpu_model\": \"AMD EPYC 9654 96-Core Processor\", \"gpus\": []}"))
                .orElseThrow().spec().name()).isEqualTo("AMD EPYC 9654");
    }

    @Test
    void hardwareGivenByNameWinsAndAnUnknownNameIsAConfigError() {
        var chosen = new PointPredictions((point, hw) -> null, "h200").hardware(env("""
                {"gpus": [{"name": "NVIDIA H100 80GB HBM3"}]}""")).orElseThrow();
        assertThat(chosen.spec().name()).isEqualTo("H200");
        assertThat(chosen.how()).isEqualTo("--hardware h200");
        assertThatThrownBy(() -> new PointPredictions((point, hw) -> null, "B300").hardware(env("{}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("H100-SXM");
    }
}
