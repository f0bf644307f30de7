package io.lem.meter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.OptionalInt;
import io.lem.meter.process.HostEstimateProvider;
import io.lem.testkit.PowercapTrees;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CPU power model in a VM: the TDP of the host's socket is shared among the host's hardware threads, never among
 * the guest's few vCPUs that cpuinfo's {@code siblings} counts there.
 */
class CpuPowerModelVmTest {

    /** This machine's own cpuinfo: a 2-vCPU KVM guest, masked model name, hypervisor flag. */
    static final String KVM_GUEST = MeterFixtures.text("cpuinfo/kvm_guest_amd_epyc_2vcpu.txt");

    @TempDir
    Path tmp;

    /** The captured guest with another model name, {@code siblings} and processors, with or without the flag. */
    static String cpuinfo(String modelName, int processors, boolean hypervisorFlag) {
        String block = KVM_GUEST.split("\n\n")[0]
                .replaceAll("(?m)^model name\t: .*$", "model name\t: " + modelName)
                .replaceAll("(?m)^siblings\t: .*$", "siblings\t: " + processors)
                .replaceAll("(?m)^cpu cores\t: .*$", "cpu cores\t: " + Math.max(1, processors / 2));
        if (!hypervisorFlag) {
            block = block.replace(" hypervisor ", " ");
        }
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < processors; p++) {
            out.append(block.replaceAll("(?m)^processor\t: .*$", "processor\t: " + p)).append("\n\n");
        }
        return out.toString();
    }

    @Test
    void theCapturedGuestIsAVmWithTheStatedDefault() {
        CpuInfo cpu = CpuInfo.parse(KVM_GUEST);
        assertThat(cpu).isEqualTo(new CpuInfo("AMD EPYC", 2, 2, 1, true));
        CpuPowerModel model = CpuPowerModel.forCpu(cpu, TdpTable.bundled());
        assertThat(model.platform()).isEqualTo(new Virtualisation(true, "hypervisor flag"));
        assertThat(model.wattsPerLogicalCpu()).isEqualTo(CpuPowerModel.DEFAULT_W_PER_LOGICAL_CPU);
        assertThat(model.describe()).isEqualTo("4 W/vCPU (VM (hypervisor flag): 'AMD EPYC' not in CodeCarbon's TDP"
                + " table: default 4 W per vCPU)");
    }

    /** A 2-vCPU guest on a 40-core Xeon: 270 W / 80 host threads per vCPU, not 270 W / 2. */
    @Test
    void aGuestOnAKnownHostPartIsChargedPerHostThread() {
        CpuInfo cpu = CpuInfo.parse(cpuinfo("Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz", 2, true));
        TdpTable.Entry row = TdpTable.bundled().lookup(cpu.modelName()).orElseThrow();
        TdpTable.Topology host = row.topology().orElseThrow();
        CpuPowerModel model = CpuPowerModel.forCpu(cpu, TdpTable.bundled());

        assertThat(model.threadsPerPackage()).isEqualTo(host.threadsPerSocket()).isNotEqualTo(cpu.logicalCpusPerPackage());
        assertThat(model.wattsPerLogicalCpu()).isEqualTo(row.tdpW() / host.threadsPerSocket());
        assertThat(model.describe()).startsWith(String.format(java.util.Locale.ROOT, "%s W/vCPU (VM (hypervisor"
                        + " flag): %d-core Intel Xeon Platinum 8380 TDP 270 W / %d host threads per socket",
                trimmed(model.wattsPerLogicalCpu()), host.coresPerSocket(), host.threadsPerSocket()))
                .contains("not / the guest's 2 vCPUs").contains(host.source());
    }

    @Test
    void bareMetalStillDividesBySiblings() {
        CpuInfo cpu = CpuInfo.parse(cpuinfo("Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz", 80, false));
        assertThat(cpu.hypervisorFlag()).isFalse();
        CpuPowerModel model = CpuPowerModel.forCpu(cpu, TdpTable.bundled());
        assertThat(model.platform().vm()).isFalse();
        assertThat(model.wattsPerLogicalCpu()).isEqualTo(270.0 / 80);
        assertThat(model.describe()).contains("W/logical CPU (bare metal: Intel Xeon Platinum 8380 TDP 270 W / 80"
                + " logical CPUs per package");
    }

    @Test
    void aKnownTdpWithoutKnownHostThreadsFallsBackToTheStatedDefault() {
        CpuInfo cpu = CpuInfo.parse(cpuinfo("Intel(R) Xeon(R) Platinum 8272CL CPU @ 2.60GHz", 2, true));
        CpuPowerModel model = CpuPowerModel.forCpu(cpu, TdpTable.bundled());
        assertThat(model.fromTable()).isTrue();
        assertThat(model.wattsPerLogicalCpu()).isEqualTo(CpuPowerModel.DEFAULT_W_PER_LOGICAL_CPU);
        assertThat(model.describe()).contains("threads per socket are not in lem's thread table")
                .contains("default 4 W per vCPU");
    }

    /** Without the cpuinfo flag, /sys/hypervisor and DMI are read under the context's sys root. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hypervisor/type=xen                                              | true  | /sys/hypervisor/type 'xen'",
            "class/dmi/id/sys_vendor=QEMU                                     | true  | DMI sys_vendor 'QEMU'",
            "class/dmi/id/product_name=KVM                                    | true  | DMI product_name 'KVM'",
            "class/dmi/id/sys_vendor=Microsoft Corporation;class/dmi/id/product_name=Virtual Machine | true | DMI product_name 'Virtual Machine'",
            "class/dmi/id/sys_vendor=Amazon EC2;class/dmi/id/product_name=m5.large | true | DMI sys_vendor 'Amazon EC2', product_name 'm5.large'",
            "class/dmi/id/sys_vendor=Amazon EC2;class/dmi/id/product_name=m5.metal | false | " + Virtualisation.CHECKED,
            "class/dmi/id/sys_vendor=Microsoft Corporation;class/dmi/id/product_name=Surface Laptop 5 | false | " + Virtualisation.CHECKED,
            "class/dmi/id/sys_vendor=Dell Inc.;class/dmi/id/product_name=PowerEdge R750 | false | " + Virtualisation.CHECKED})
    void sysfsEvidenceThroughTheContext(String files, boolean vm, String evidence) throws Exception {
        Path sys = tmp.resolve("sys");
        for (String file : files.split(";")) {
            PowercapTrees.write(sys.resolve(file.split("=")[0]), file.split("=")[1]);
        }
        Path proc = tmp.resolve("proc");
        PowercapTrees.write(proc.resolve("cpuinfo"), cpuinfo("Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz", 2,
                false));
        MeterContext context = new MeterContext(tmp.resolve("no-powercap"), proc, OptionalInt.empty(), null,
                SysfsReader.files(), sys);

        assertThat(context.virtualisation()).isEqualTo(new Virtualisation(vm, evidence));
        CpuPowerModel model = context.cpuPowerModel();
        assertThat(model.wattsPerLogicalCpu()).isEqualTo(vm ? 270.0 / 80 : 270.0 / 2);
        // the label, with the model's validation error, wherever the estimate is shown
        MeterProvider.Probe probe = new HostEstimateProvider().probe(context);
        assertThat(probe.reason()).contains(vm ? "VM (" + evidence + ")" : "bare metal")
                .contains(CpuPowerModel.VALIDATION_ERROR);
    }

    /** The five-argument context looks for sysfs beside its procfs root: /sys for /proc. */
    @Test
    void theDefaultSysRootSitsBesideTheProcRoot() {
        assertThat(new MeterContext(Path.of("/x"), Path.of("/proc"), OptionalInt.empty(), null, SysfsReader.files())
                .sysRoot()).isEqualTo(Path.of("/sys"));
        assertThat(MeterContext.system().sysRoot()).isEqualTo(Path.of("/sys"));
    }

    private static String trimmed(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
