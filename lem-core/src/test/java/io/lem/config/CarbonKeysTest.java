package io.lem.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.lem.analysis.carbon.CarbonOptions;
import org.junit.jupiter.api.Test;

/** The carbon keys are experiment settings that change no physics: recorded, checked, left out of the hash. */
class CarbonKeysTest {

    @Test
    void carbonKeysAreReadButLeaveTheConfigHashAlone() {
        ExperimentConfig plain = ExperimentConfig.resolve(1, Map.of("engine.preset", "tiny"));
        ExperimentConfig carbon = ExperimentConfig.resolve(1, Map.of("engine.preset", "tiny",
                "carbon.intensity_g_per_kwh", 0, "carbon.pue", "1.2", "carbon.country", "DE"));
        assertThat(carbon.hash()).isEqualTo(plain.hash());
        assertThat(ExperimentConfig.resolve(1, Map.of("engine.preset", "tiny", "engine.threads", 3)).hash())
                .isNotEqualTo(plain.hash());
        CarbonOptions options = CarbonOptions.fromValues(carbon.values());
        assertThat(options.intensityGPerKwh()).isEqualTo(0.0); // a zero-carbon grid, not "none"
        assertThat(options.pue()).isEqualTo(1.2);
        assertThat(options.country()).isEqualTo("DE");
        assertThat(CarbonOptions.fromValues(plain.values())).isEqualTo(CarbonOptions.NONE);
    }

    @Test
    void aPueBelowOneIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> ExperimentConfig.resolve(1, Map.of("engine.preset", "tiny", "carbon.pue", 0.9)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("carbon.pue");
    }
}
