package io.lem.meter;

import org.junit.jupiter.api.Test;

import java.util.List;
import io.lem.testkit.PowercapTrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuInfoTest {

    @Test
    void dualSocketCpuinfo() {
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < 24; p++) {
            b.append("processor\t: ").append(p).append("\n")
                    .append("model name\t: Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz\n")
                    .append("physical id\t: ").append(p / 12).append("\n")
                    .append("siblings\t: 12\n")
                    .append("cpu cores\t: 6\n\n");
        }
        CpuInfo info = CpuInfo.parse(b.toString());
        assertThat(info).isEqualTo(new CpuInfo("Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz", 24, 12, 2));
        CpuPowerModel model = CpuPowerModel.forCpu(info, TdpTable.bundled());
        assertThat(model.tableName()).isEqualTo("Intel Xeon E5-2620 v3");
        assertThat(model.wattsPerLogicalCpu()).isEqualTo(85.0 / 12);
    }

    @Test
    void tdpTableMatchesCpuinfoNamesAfterNormalisationOnly() {
        TdpTable table = TdpTable.bundled();
        assertThat(table.size()).isGreaterThan(4000);
        assertThat(table.skippedRows()).isEqualTo(4);
        assertThat(table.lookup("AMD EPYC 8024P 8-Core Processor")).get()
                .satisfies(e -> assertThat(List.of(e.name(), e.tdpW())).containsExactly("AMD EPYC 8024P", 90.0));
        assertThat(table.lookup("AMD Ryzen Threadripper 1950X 16-Core Processor")).get()
                .extracting(TdpTable.Entry::tdpW).isEqualTo(180.0);
        assertThat(table.lookup("Intel(R) Xeon(R) CPU E3-1240 V2 @ 3.40GHz")).get()
                .extracting(TdpTable.Entry::tdpW).isEqualTo(69.0);
        assertThat(table.lookup("AMD EPYC")).isEmpty(); // a VM's masked name gets the default, not a guess
        assertThat(table.lookup("Intel EP80579 Integrated, 1066 MHz")).get()
                .extracting(TdpTable.Entry::tdpW).isEqualTo(18.0); // quoted names with commas
    }

    /** Every row of lem's thread table joins a TDP row (else it could never be used) and is a plausible socket. */
    @Test
    void threadTableRowsJoinTheTdpTable() {
        TdpTable table = TdpTable.bundled();
        String csv = MeterFixtures.text("/io/lem/meter/cpu_threads.csv");
        List<String> rows = csv.lines().skip(1).filter(l -> !l.isBlank()).toList();
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            TdpTable.Topology t = table.lookup(row.split(",")[0]).orElseThrow().topology().orElseThrow();
            assertThat(t.threadsPerSocket()).isIn(t.coresPerSocket(), 2 * t.coresPerSocket());
            assertThat(t.source()).isNotBlank();
        });
        assertThatThrownBy(() -> table.withTopologies("Name,Cores,Threads,Source\nIntel Xeon Nonesuch 1,2,4,x\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("thread table row 2: 'Intel Xeon Nonesuch 1' is not in the TDP table");
    }
}
