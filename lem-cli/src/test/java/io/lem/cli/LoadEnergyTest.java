package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.lem.client.EngineTimings;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import org.junit.jupiter.api.Test;

class LoadEnergyTest {

    private static RequestRecord ollama(long promptEvalNs, long evalNs) {
        return new RequestRecord(0, false, 0, 1, 2, 3, 4, 4, false, RequestStatus.OK, null, 200, new long[0], 0,
                new EngineTimings(3, 4, promptEvalNs, evalNs, 0, promptEvalNs + evalNs));
    }

    @Test
    void mEffScalesEllmByTheEnginesActiveShare() {
        // two requests active 0.3 s + 0.2 s in a 1 s window: M_eff = 0.5 x E_llm
        Map<String, Object> m = LoadEnergy.modelEfficiency(List.of(ollama(100_000_000, 200_000_000),
                ollama(50_000_000, 150_000_000)), 1_000_000_000L, Map.of("llm_energy_j", 10.0, "total_energy_j", 30.0));
        assertThat(m).containsEntry("m_eff_j", 5.0).containsEntry("m_eff_deviation", 0.5);
    }

    @Test
    void mEffIsClampedAndNullWithoutEngineDurations() {
        Map<String, Object> clamped = LoadEnergy.modelEfficiency(List.of(ollama(2_000_000_000L, 1)), 1_000_000_000L,
                Map.of("total_energy_j", 8.0));
        assertThat(clamped).containsEntry("m_eff_j", 8.0).containsEntry("m_eff_deviation", 0.0);
        RequestRecord openAi = new RequestRecord(0, false, 0, 1, 2, 3, 4, 4, false, RequestStatus.OK, null);
        assertThat(LoadEnergy.modelEfficiency(List.of(openAi), 1_000, Map.of("total_energy_j", 8.0)))
                .containsEntry("m_eff_j", null);
    }
}
