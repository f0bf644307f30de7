package io.lem.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ModelEfficiencyTest {

    @Test
    void mEffScalesEllmByTheEnginesActiveShare() {
        // two requests active 0.3 s + 0.2 s in a 1 s window: M_eff = 0.5 x E_llm
        Map<String, Object> m = ModelEfficiency.json(500_000_000L, 1_000_000_000L, 10.0, 30.0);
        assertThat(m).containsEntry("m_eff_j", 5.0).containsEntry("m_eff_deviation", 0.5);
    }

    @Test
    void mEffIsClampedAndNullWithoutEngineDurations() {
        Map<String, Object> clamped = ModelEfficiency.json(2_000_000_001L, 1_000_000_000L, null, 8.0);
        assertThat(clamped).containsEntry("m_eff_j", 8.0).containsEntry("m_eff_deviation", 0.0);
        assertThat(ModelEfficiency.json(-1, 1_000, null, 8.0)).containsEntry("m_eff_j", null)
                .containsEntry("m_eff_deviation", null);
    }
}
