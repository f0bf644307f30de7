package io.lem.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;
import org.junit.jupiter.api.Test;

class GpuChecksTest {

    private static final long S = 1_000_000_000L;

    /** 11 samples over 10 s: a 200 W counter, a power gauge at {@code gaugeW}, temperature and throttle gauges. */
    private static PowerTrace trace(double gaugeW, double tempRiseC, long throttleBits) {
        List<Domain> domains = List.of(
                new Domain("gpu0", DomainKind.GPU, Quantity.ENERGY_J, false, "t"),
                new Domain("gpu0:power_w", DomainKind.GPU, Quantity.GAUGE, false, "t"),
                new Domain("gpu0:temperature_c", DomainKind.GPU, Quantity.GAUGE, false, "t"),
                new Domain("gpu0:throttle_reasons", DomainKind.GPU, Quantity.GAUGE, false, "t"));
        int n = 11;
        long[] t = new long[n];
        double[] energy = new double[n];
        double[] power = new double[n];
        double[] temp = new double[n];
        double[] throttle = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * S;
            energy[i] = 200.0 * i;
            power[i] = gaugeW;
            temp[i] = 40 + tempRiseC * i / (n - 1);
            throttle[i] = i == 5 ? throttleBits : 0x1;
        }
        return PowerTrace.of(domains, t, energy, power, temp, throttle);
    }

    @Test
    void agreeingCounterAndPowerGiveNoWarning() {
        List<String> warnings = new ArrayList<>();
        List<Map<String, Object>> rows = GpuChecks.crossCheck(trace(200, 2, 0x1), 0, 10 * S, S, warnings);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("domain", "gpu0").containsEntry("counter_energy_j", 2000.0)
                    .containsEntry("integrated_power_energy_j", 2000.0).containsEntry("disagreement", 0.0)
                    .containsEntry("power_gauge", "gpu0:power_w");
        });
        GpuChecks.gaugeWarnings(trace(200, 2, 0x1 | 0x2 | 0x10), 0, 10 * S, warnings);
        assertThat(warnings).isEmpty();
    }

    /** The driver's 1 s average lags a changing load; the instant reading, when logged, is the one checked. */
    @Test
    void instantPowerIsPreferredToTheAveragedGauge() {
        PowerTrace base = trace(250, 2, 0x1);
        List<Domain> domains = new ArrayList<>(base.domains());
        domains.add(new Domain("gpu0:power_instant_w", DomainKind.GPU, Quantity.GAUGE, false, "t"));
        double[][] columns = new double[domains.size()][];
        for (int d = 0; d < base.domains().size(); d++) {
            columns[d] = base.values(d);
        }
        columns[domains.size() - 1] = base.values(0).clone();
        java.util.Arrays.fill(columns[domains.size() - 1], 200.0);
        PowerTrace trace = PowerTrace.of(domains, base.timesNs(), columns);
        List<String> warnings = new ArrayList<>();
        List<Map<String, Object>> rows = GpuChecks.crossCheck(trace, 0, 10 * S, S, warnings);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("power_gauge", "gpu0:power_instant_w").containsEntry("disagreement", 0.0));
        assertThat(warnings).isEmpty();
    }

    @Test
    void disagreementDriftAndThrottlingAreWarnings() {
        List<String> warnings = new ArrayList<>();
        PowerTrace trace = trace(250, 15, 0x1 | 0x4 | 0x40);
        GpuChecks.crossCheck(trace, 0, 10 * S, S, warnings);
        GpuChecks.gaugeWarnings(trace, 0, 10 * S, warnings);
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).startsWith("gpu0: integrated power differs from the energy counter by 25.0 %");
        assertThat(warnings.get(1)).startsWith("thermal drift: gpu0:temperature_c moved 15 C");
        assertThat(warnings.get(2)).startsWith("throttling: gpu0:throttle_reasons reported clock-event reasons 0x44");
    }
}
