package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.config.ExperimentConfig;
import io.lem.engine.EngineLaunch;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.process.HostCpuMeter;
import io.lem.meter.MeterStatus;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;
import io.lem.result.Environment;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import io.lem.measure.Marks;

/**
 * The meaning of result.json's figures, on seeded random experiments whose answers are known in closed form:
 * constant power per domain within each phase, so every window's energy is power × time. Golden files only prove
 * the format; these prove the numbers.
 */
@SuppressWarnings("unchecked")
class ResultInvariantsTest {

    private static final long S = 1_000_000_000L;
    private static final long PERIOD = S / 10;
    private static final Domain PACKAGE = new Domain("cpu-package0", DomainKind.CPU_PACKAGE, Quantity.ENERGY_J, false, "rapl");
    private static final Domain DRAM = new Domain("dram0", DomainKind.DRAM, Quantity.ENERGY_J, false, "rapl");
    private static final Domain GPU = new Domain("gpu0", DomainKind.GPU, Quantity.POWER_W, false, "nvml power");

    /** Idle [0, 3 s], warm-up [3, 4], measured [4, 4 + d]: powers per domain idle / loaded. */
    private record Experiment(double[] idleW, double[] loadW, double measuredS, List<RequestRecord> records,
                              int concurrency, boolean after) {

        Map<String, Object> json() {
            List<Domain> domains = List.of(PACKAGE, DRAM, GPU);
            long end = (long) ((4 + measuredS + (after ? 2 : 0)) * S);
            int n = (int) (end / PERIOD) + 1;
            long[] t = new long[n];
            double[][] columns = new double[3][n];
            double[] cumulative = new double[2];
            for (int i = 0; i < n; i++) {
                t[i] = i * PERIOD;
                double s = t[i] / 1e9;
                boolean loaded = s > 4 && s <= 4 + measuredS;
                for (int d = 0; d < 2; d++) {
                    cumulative[d] += i == 0 ? 0 : (loaded ? loadW[d] : idleW[d]) * 0.1;
                    columns[d][i] = cumulative[d];
                }
                // power samples: loaded on the measured window's closed interval, so its trapezoids are exact
                columns[2][i] = s >= 4 && s <= 4 + measuredS + 1e-9 ? loadW[2] : idleW[2];
            }
            PowerTrace trace = PowerTrace.of(domains, t, columns);
            long measuredEnd = (long) ((4 + measuredS) * S);
            Marks marks = new Marks(0, 0, 3 * S, 3 * S, 4 * S, 4 * S, measuredEnd,
                    measuredEnd, after ? measuredEnd + 2 * S : measuredEnd);
            ExperimentConfig config = ExperimentConfig.resolve(1, Map.of("engine.threads", 1, "engine.parallel",
                    concurrency, "workload.requests", records.size(), "workload.concurrency", concurrency,
                    "measurement.baseline_s", 3));
            ExperimentAnalysis a = new ExperimentAnalysis(config, trace, records, marks,
                    List.of(new MeterStatus("rapl", true, true, "test", null)), Map.of(), PERIOD, "count", List.of());
            return new ResultDocument("invariants", config, new Environment("cpu", 1, 2, 1L << 30, "os", "k", "jvm",
                    "0", "commit"), List.of(), new EngineLaunch("e", List.of("e"), URI.create("http://127.0.0.1:1"),
                    Path.of("engine.log")), Instant.EPOCH, a).toJson();
        }
    }

    /** Back-to-back requests filling [4 s, 4 s + d] with {@code concurrency} in flight. */
    private static List<RequestRecord> requests(SplittableRandom random, double measuredS, int concurrency, int perClient) {
        List<RequestRecord> records = new ArrayList<>();
        int id = 0;
        for (int c = 0; c < concurrency; c++) {
            double slot = measuredS / perClient;
            for (int k = 0; k < perClient; k++) {
                long send = (long) ((4 + k * slot) * S);
                long end = (long) ((4 + (k + 1) * slot) * S);
                long first = send + (long) (slot * S * (0.05 + random.nextDouble(0.3)));
                int out = 8 + random.nextInt(56);
                records.add(new RequestRecord(id++, false, send, first, end, 10 + random.nextInt(100), out, out,
                        false, RequestStatus.OK, null));
            }
        }
        return records;
    }

    private static Map<String, Object> section(Map<String, Object> json, String name) {
        return (Map<String, Object>) json.get(name);
    }

    private static double num(Map<String, Object> section, String key) {
        return ((Number) section.get(key)).doubleValue();
    }

    @RepeatedTest(20)
    void totalsAreTheMeasuredWindowAndActiveIsTotalMinusIdleTimesDuration(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(info.getCurrentRepetition());
        double[] idle = {2 + random.nextDouble(20), 0.5 + random.nextDouble(3), 30 + random.nextDouble(40)};
        double[] load = {idle[0] + 1 + random.nextDouble(50), idle[1] + random.nextDouble(4), idle[2] + 10 + random.nextDouble(300)};
        double d = 5 + random.nextInt(20);
        int concurrency = 1 + random.nextInt(3);
        List<RequestRecord> records = requests(random, d, concurrency, 3 + random.nextInt(4));
        Map<String, Object> json = new Experiment(idle, load, d, records, concurrency, false).json();

        Map<String, Object> energy = section(json, "energy");
        Map<String, Object> metrics = section(json, "metrics");
        Map<String, Object> baseline = section(json, "baseline");
        Map<String, Double> byDomain = (Map<String, Double>) energy.get("energy_j_by_domain");
        List<String> totalIds = (List<String>) section(json, "methods").get("total_domain_ids");
        assertThat(totalIds).containsExactly("cpu-package0", "dram0", "gpu0");
        double expectedTotal = (load[0] + load[1] + load[2]) * d;
        // total = Σ of its domains = closed form over the MEASURED window (not the steady state)
        assertThat(num(energy, "total_energy_j")).isCloseTo(totalIds.stream().mapToDouble(byDomain::get).sum(), within(1e-9));
        assertThat(num(energy, "total_energy_j")).isCloseTo(expectedTotal, within(1e-6 * expectedTotal));
        assertThat(num(metrics, "total_energy_j")).isEqualTo(num(energy, "total_energy_j"));
        assertThat(num(energy, "cpu_energy_j") + num(energy, "dram_energy_j") + num(energy, "gpu_energy_j"))
                .isCloseTo(num(energy, "total_energy_j"), within(1e-9));
        // active = total − P_idle × duration, per domain and for the total; the domains add up to the total's
        Map<String, Double> idleByDomain = (Map<String, Double>) baseline.get("power_w_by_domain");
        Map<String, Double> activeByDomain = (Map<String, Double>) energy.get("active_energy_j_by_domain");
        for (String id : totalIds) {
            assertThat(activeByDomain.get(id)).isCloseTo(byDomain.get(id) - idleByDomain.get(id) * d, within(1e-6));
        }
        assertThat(num(baseline, "power_w")).isCloseTo(idle[0] + idle[1] + idle[2], within(1e-6));
        assertThat(num(energy, "active_energy_j")).isCloseTo(expectedTotal - (idle[0] + idle[1] + idle[2]) * d,
                within(1e-6 * expectedTotal));
        assertThat(totalIds.stream().mapToDouble(activeByDomain::get).sum())
                .isCloseTo(num(energy, "active_energy_j"), within(1e-6));
        // the J/token family over the same window and the measured requests' tokens
        long out = records.stream().mapToLong(RequestRecord::completionTokens).sum();
        long in = records.stream().mapToLong(RequestRecord::promptTokens).sum();
        assertThat(num(metrics, "output_tokens")).isEqualTo(out);
        assertThat(num(metrics, "joules_per_output_token")).isCloseTo(expectedTotal / out, within(1e-6 * expectedTotal / out));
        assertThat(num(metrics, "joules_per_token")).isCloseTo(num(energy, "total_energy_j") / (in + out), within(1e-12));
        assertThat(num(metrics, "joules_per_request")).isCloseTo(num(energy, "total_energy_j") / records.size(), within(1e-9));
        assertThat(num(metrics, "wh_per_1000_output_tokens"))
                .isCloseTo(num(metrics, "joules_per_output_token") * 1000 / 3600, within(1e-12));
        // time-sharing shares + unattributed = the window integrator's active energy
        Map<String, Object> attribution = section(json, "attribution");
        assertThat(num(attribution, "time_sharing_sum_j") + num(attribution, "unattributed_j"))
                .isCloseTo(num(energy, "active_energy_j"), within(1e-6));
        assertThat(num(attribution, "check_relative_difference")).isLessThan(1e-9);
        // the methodology's per-token latency of a request, not inverse throughput
        double perRequest = records.stream().mapToDouble(r -> r.e2eMs() / r.completionTokens()).average().orElseThrow();
        assertThat(num(metrics, "latency_per_token_ms")).isCloseTo(perRequest, within(1e-9));
    }

    @Test
    void aBaselineAboveTheLoadedPowerGivesNullActiveFiguresNotZero() {
        SplittableRandom random = new SplittableRandom(7);
        double[] idle = {20, 2, 60};
        double[] load = {10, 1, 50};
        List<RequestRecord> records = requests(random, 10, 2, 4);
        Map<String, Object> json = new Experiment(idle, load, 10, records, 2, false).json();
        Map<String, Object> energy = section(json, "energy");
        assertThat(energy.get("active_energy_j")).isNull();
        assertThat(num(energy, "active_energy_raw_j")).isCloseTo((61 - 82) * 10.0, within(1e-6));
        assertThat(section(json, "metrics").get("active_joules_per_output_token")).isNull();
        assertThat(section(json, "metrics").get("active_energy_j")).isNull();
        assertThat(section(json, "attribution").get("time_sharing_sum_j")).isNull();
        assertThat((List<String>) json.get("warnings")).anyMatch(w -> w.startsWith("baseline not valid")
                && w.contains("mean power 61.000 W is below the idle power 82.000 W"));
    }

    @Test
    void noAfterWindowMeansNoAfterFiguresAndNoDrift() {
        List<RequestRecord> records = requests(new SplittableRandom(3), 8, 1, 4);
        Map<String, Object> without = new Experiment(new double[] {1, 1, 1}, new double[] {9, 2, 50}, 8, records, 1,
                false).json();
        assertThat(section(without, "baseline").get("after_power_w")).isNull();
        assertThat(section(without, "baseline").get("drift")).isNull();
        assertThat(section(without, "timeline").get("after")).isNull();
        assertThat((List<String>) without.get("warnings")).noneMatch(w -> w.contains("drift"));
        Map<String, Object> with = new Experiment(new double[] {1, 1, 1}, new double[] {9, 2, 50}, 8, records, 1,
                true).json();
        assertThat(num(section(with, "baseline"), "after_power_w")).isPositive();
        assertThat(num(section(with, "baseline"), "after_duration_s")).isEqualTo(2.0);
    }

    @Test
    void estimateLabelNamesWhatIsMeasuredAndWhatIsModelled() {
        Domain host = new Domain(HostCpuMeter.DOMAIN_ID, DomainKind.CPU_PACKAGE, Quantity.ENERGY_J, true,
                "estimate: busy CPU time of the whole machine");
        Domain process = new Domain("process:1", DomainKind.PROCESS, Quantity.ENERGY_J, true, "estimate: process");
        io.lem.analysis.EnergyTotals totals = io.lem.analysis.DomainPolicy.totals(List.of(host, GPU, process));
        String label = io.lem.analysis.EstimateLabel.of(totals, List.of(host, GPU, process)).orElseThrow();
        assertThat(label).contains("cpu-host-estimate is modelled").contains("measured: gpu0")
                .contains("no idle term").doesNotContain("no measured energy source");
        assertThat(io.lem.analysis.EstimateLabel.llmEstimated(totals, List.of(host, GPU, process))).isTrue();
        assertThat(io.lem.analysis.EstimateLabel.of(io.lem.analysis.DomainPolicy.totals(List.of(PACKAGE, GPU)),
                List.of(PACKAGE, GPU))).isEmpty();
    }
}
