package io.lem.analysis;

import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Quantity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DomainPolicyTest {

    private static Domain d(String id, DomainKind kind) {
        return new Domain(id, kind, Quantity.ENERGY_J, false, "test");
    }

    private static Domain estimated(String id) {
        return new Domain(id, DomainKind.PROCESS, Quantity.ENERGY_J, true, "test estimate");
    }

    @Test
    void packagesDramAndGpusMakeTheTotalProcessIsSeparate() {
        EnergyTotals t = DomainPolicy.totals(List.of(d("cpu-package0", DomainKind.CPU_PACKAGE),
                d("cpu-core0", DomainKind.CPU_CORE), d("cpu-uncore0", DomainKind.CPU_UNCORE),
                d("dram0", DomainKind.DRAM), d("gpu0", DomainKind.GPU), d("gpu1", DomainKind.GPU),
                d("process:42", DomainKind.PROCESS)));
        assertThat(t.description()).isEqualTo("cpu-package0 + dram0 + gpu0 + gpu1");
        assertThat(t.processDomainIds()).containsExactly("process:42");
        assertThat(t.totalEstimated()).isFalse();
        EnergyTotals.Figures f = t.sum(Map.of("cpu-package0", 100.0, "cpu-core0", 60.0, "cpu-uncore0", 10.0,
                "dram0", 5.0, "gpu0", 200.0, "gpu1", 300.0, "process:42", 40.0));
        assertThat(f).isEqualTo(new EnergyTotals.Figures(100, 5, 500, 605, 40));
    }

    @Test
    void psysAloneWhenNoPackage() {
        EnergyTotals t = DomainPolicy.totals(List.of(d("psys", DomainKind.PSYS), d("cpu-core0", DomainKind.CPU_CORE)));
        assertThat(t.totalDomainIds()).containsExactly("psys");
        assertThat(t.notes()).anySatisfy(n -> assertThat(n).contains("cpu-core0 not summed: inside psys"));
    }

    @Test
    void coreAndUncoreOnlyAreALowerBound() {
        EnergyTotals t = DomainPolicy.totals(List.of(d("cpu-core0", DomainKind.CPU_CORE)));
        assertThat(t.cpuDomainIds()).containsExactly("cpu-core0");
        assertThat(t.notes()).anySatisfy(n -> assertThat(n).contains("lower bound"));
    }

    @Test
    void onlyAnEstimatedProcessMakesAnEstimatedTotal() {
        EnergyTotals t = DomainPolicy.totals(List.of(estimated("process:7")));
        assertThat(t.totalDomainIds()).containsExactly("process:7");
        assertThat(t.totalEstimated()).isTrue();
        assertThat(t.description()).isEqualTo("process:7 (estimated)");
        assertThat(t.sum(Map.of("process:7", 3.0))).isEqualTo(
                new EnergyTotals.Figures(Double.NaN, Double.NaN, Double.NaN, 3.0, 3.0));
    }

    @Test
    void measuredProcessWinsOverEstimateAndHostIsTheTotal() {
        EnergyTotals t = DomainPolicy.totals(List.of(d("cpu-package0", DomainKind.CPU_PACKAGE),
                d("host", DomainKind.HOST), d("process:7", DomainKind.PROCESS), estimated("process-estimate:7")));
        assertThat(t.processDomainIds()).containsExactly("process:7");
        assertThat(t.totalDomainIds()).containsExactly("host");
        assertThat(t.cpuDomainIds()).containsExactly("cpu-package0");
    }

    /** Scaphandre's host is CPU-side: with NVML GPUs and no RAPL of lem's own, the total is host + GPUs. */
    @Test
    void anExportersCpuSideHostPowerAddsTheGpus() {
        EnergyTotals t = DomainPolicy.totals(List.of(d("host", DomainKind.HOST_CPU), d("gpu0", DomainKind.GPU),
                d("gpu1", DomainKind.GPU), d("process:7", DomainKind.PROCESS)));
        assertThat(t.totalDomainIds()).containsExactly("host", "gpu0", "gpu1");
        assertThat(t.cpuDomainIds()).containsExactly("host");
        assertThat(t.sum(Map.of("host", 50.0, "gpu0", 200.0, "gpu1", 300.0, "process:7", 20.0)))
                .isEqualTo(new EnergyTotals.Figures(50, Double.NaN, 500, 550, 20));
    }

    /** lem's own RAPL and Scaphandre's host cover the same counters: RAPL is summed, the host reported apart. */
    @Test
    void ownRaplWinsOverTheExportersHostWhichIsNotSummedOnTop() {
        EnergyTotals t = DomainPolicy.totals(List.of(d("cpu-package0", DomainKind.CPU_PACKAGE),
                d("dram0", DomainKind.DRAM), d("host", DomainKind.HOST_CPU), d("gpu0", DomainKind.GPU)));
        assertThat(t.totalDomainIds()).containsExactly("cpu-package0", "dram0", "gpu0");
        assertThat(t.notes()).anySatisfy(n -> assertThat(n).startsWith("host not summed: the exporter's CPU-side"));
        EnergyTotals psysOnly = DomainPolicy.totals(List.of(d("psys", DomainKind.PSYS),
                d("host", DomainKind.HOST_CPU), d("gpu0", DomainKind.GPU)));
        assertThat(psysOnly.totalDomainIds()).containsExactly("psys", "gpu0");
    }

    /** The host estimate never adds to a measured CPU-side host figure; a wall meter still contains everything. */
    @Test
    void estimateYieldsToTheExporterAndAWallMeterContainsAll() {
        EnergyTotals t = DomainPolicy.totals(List.of(new Domain("cpu-host-estimate", DomainKind.CPU_PACKAGE,
                Quantity.ENERGY_J, true, "estimate"), d("host", DomainKind.HOST_CPU), d("gpu0", DomainKind.GPU)));
        assertThat(t.totalDomainIds()).containsExactly("host", "gpu0");
        assertThat(t.totalEstimated()).isFalse();
        EnergyTotals wall = DomainPolicy.totals(List.of(d("wall", DomainKind.HOST), d("host", DomainKind.HOST_CPU),
                d("cpu-package0", DomainKind.CPU_PACKAGE), d("gpu0", DomainKind.GPU)));
        assertThat(wall.totalDomainIds()).containsExactly("wall");
    }
}
