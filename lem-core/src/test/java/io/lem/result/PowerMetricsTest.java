package io.lem.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.MeterException;
import io.lem.meter.Quantity;
import io.lem.meter.prometheus.MetricFamily;
import io.lem.meter.prometheus.MetricType;
import io.lem.meter.prometheus.PrometheusText;
import io.lem.meter.prometheus.Sample;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The exposition text, read back with lem's own Prometheus parser. */
class PowerMetricsTest {

    private static final List<Domain> DOMAINS = List.of(
            new Domain("cpu-package0", DomainKind.CPU_PACKAGE, Quantity.ENERGY_J, false, "rapl"),
            new Domain("gpu0", DomainKind.GPU, Quantity.POWER_W, false, "nvml"),
            new Domain("gpu0:temperature_c", DomainKind.GPU, Quantity.GAUGE, false, "nvml"),
            new Domain("gpu1:temperature_c", DomainKind.GPU, Quantity.GAUGE, false, "nvml"),
            new Domain("process:\"q\\x", DomainKind.PROCESS, Quantity.ENERGY_J, true, "estimate"));

    @RepeatedTest(20)
    void valuesRoundTripAndPowerIsIntegratedAndDerived(RepetitionInfo info) throws Exception {
        SplittableRandom random = new SplittableRandom(info.getCurrentRepetition());
        PowerMetrics metrics = new PowerMetrics(DOMAINS);
        metrics.onStart(DOMAINS);
        long t = random.nextLong(1L << 40);
        double counterJ = 0;
        double integralJ = 0;
        double previousGpuW = Double.NaN;
        double lastStepS = 0;
        double lastStepJ = 0;
        double[] row = new double[DOMAINS.size()];
        int n = 2 + random.nextInt(50);
        for (int i = 0; i < n; i++) {
            long dt = 1 + random.nextLong(1_000_000_000L);
            if (i > 0) {
                t += dt;
            }
            double stepJ = i == 0 ? 0 : random.nextDouble(100);
            counterJ += stepJ;
            double gpuW = random.nextDouble(700);
            if (i > 0) {
                integralJ += dt / 1e9 * (previousGpuW + gpuW) / 2;
                lastStepS = dt / 1e9;
                lastStepJ = stepJ;
            }
            previousGpuW = gpuW;
            row[0] = counterJ;
            row[1] = gpuW;
            row[2] = random.nextInt(100);
            row[3] = random.nextInt(100);
            row[4] = counterJ / 2;
            metrics.onSample(t, row);
        }
        metrics.onError("nvml", new MeterException("boom"));

        Map<String, MetricFamily> families = byName(PrometheusText.parse(metrics.render()));

        MetricFamily energy = families.get("lem_energy_joules_total");
        assertThat(energy.type()).isEqualTo(MetricType.COUNTER);
        assertThat(value(energy, "cpu-package0")).isEqualTo(counterJ);
        assertThat(energy.find("lem_energy_joules_total", Map.of("domain", "cpu-package0")).labels())
                .containsEntry("kind", "cpu_package").containsEntry("method", "counter");
        assertThat(value(energy, "gpu0")).isCloseTo(integralJ, within(1e-9 * Math.max(1, integralJ)));
        assertThat(energy.find("lem_energy_joules_total", Map.of("domain", "gpu0")).label("method"))
                .isEqualTo("power-integration");
        assertThat(value(energy, "process:\"q\\x")).isEqualTo(counterJ / 2);
        MetricFamily power = families.get("lem_power_watts");
        assertThat(power.type()).isEqualTo(MetricType.GAUGE);
        assertThat(value(power, "gpu0")).isEqualTo(row[1]);
        assertThat(value(power, "cpu-package0")).isCloseTo(lastStepJ / lastStepS, within(1e-6 * (1 + lastStepJ / lastStepS)));
        assertThat(value(families.get("lem_estimated"), "cpu-package0")).isZero();
        assertThat(value(families.get("lem_estimated"), "process:\"q\\x")).isEqualTo(1);
        MetricFamily temperature = families.get("lem_gauge_temperature_c");
        assertThat(temperature.samples()).hasSize(2);
        assertThat(value(temperature, "gpu1")).isEqualTo(row[3]);
        assertThat(families.get("lem_samples_total").samples().getFirst().value()).isEqualTo(n);
        assertThat(families.get("lem_sample_errors_total").find("lem_sample_errors_total", Map.of("meter", "nvml"))
                .value()).isEqualTo(1);
        assertThat(families.keySet()).noneMatch(name -> name.contains("gpu0:")); // units, not ids, name metrics
    }

    @Test
    void aCounterHasNoPowerBeforeItsSecondSample() throws Exception {
        PowerMetrics metrics = new PowerMetrics(DOMAINS);
        metrics.onSample(5, new double[] {1, 2, 3, 4, 5});
        String text = metrics.render();
        assertThat(text).endsWith("\n").contains("lem_power_watts{domain=\"cpu-package0\",kind=\"cpu_package\",method=\"counter\"} NaN\n");
        assertThat(value(byName(PrometheusText.parse(text)).get("lem_power_watts"), "cpu-package0")).isNaN();
    }

    private static Map<String, MetricFamily> byName(List<MetricFamily> families) {
        return families.stream().collect(Collectors.toMap(MetricFamily::name, f -> f));
    }

    private static double value(MetricFamily family, String domain) {
        Sample s = family.samples().stream().filter(x -> domain.equals(x.label("domain"))).findFirst().orElseThrow(
                () -> new AssertionError("no sample for domain " + domain + " in " + family));
        return s.value();
    }
}
