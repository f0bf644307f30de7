package io.lem.meter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether lem runs inside a virtual machine, and what says so. It matters to the CPU power model: in a VM,
 * cpuinfo's {@code siblings} counts the guest's vCPUs while {@code model name} is the host's CPU, so a socket's TDP
 * must be shared among the host's hardware threads, not the guest's few.
 *
 * <p>Evidence, first found wins: the {@code hypervisor} flag in cpuinfo (set by the CPU for any guest under a
 * hardware hypervisor), {@code /sys/hypervisor/type} (Xen, and some others), and DMI ({@code
 * /sys/class/dmi/id/sys_vendor}, {@code product_name}) naming a hypervisor or a cloud's virtual machine. Cloud
 * bare-metal hosts share their cloud's DMI vendor ("Amazon EC2" with product "m5.metal"), so a vendor alone is
 * never taken as a VM where the same vendor also sells bare metal.
 *
 * @param vm       true inside a virtual machine
 * @param evidence what said so ("hypervisor flag", "DMI sys_vendor 'QEMU'"), or what was checked on bare metal
 */
public record Virtualisation(boolean vm, String evidence) {

    /** Vendors or products that only ever name a virtual machine. */
    private static final List<Pattern> VM_DMI = List.of(
            Pattern.compile("qemu|kvm|vmware|xen|innotek|virtualbox|parallels|bochs|bhyve|openstack|nutanix ahv"),
            Pattern.compile("^virtual machine$"), // Hyper-V and Azure: product_name of Microsoft Corporation
            Pattern.compile("^google compute engine$"),
            Pattern.compile("^standard pc \\("), // QEMU's machine types: "Standard PC (Q35 + ICH9, 2009)"
            Pattern.compile("^droplet$|^vserver$|^alibaba cloud ecs$"));

    public static final String CHECKED = "no hypervisor flag in cpuinfo, no /sys/hypervisor/type, DMI names no"
            + " hypervisor";

    public static Virtualisation bareMetal() {
        return new Virtualisation(false, CHECKED);
    }

    /** From cpuinfo alone (no sysfs to look at). */
    public static Virtualisation fromCpuinfo(CpuInfo cpu) {
        return cpu.hypervisorFlag() ? new Virtualisation(true, "hypervisor flag") : bareMetal();
    }

    /**
     * Looks at cpuinfo's flag, then under {@code sysRoot} ({@code /sys}); a null root checks the flag only.
     * Unreadable files are no evidence either way.
     */
    public static Virtualisation detect(CpuInfo cpu, Path sysRoot, SysfsReader reader) {
        if (cpu.hypervisorFlag() || sysRoot == null) {
            return fromCpuinfo(cpu);
        }
        String type = read(reader, sysRoot.resolve("hypervisor/type"));
        if (!type.isEmpty()) {
            return new Virtualisation(true, "/sys/hypervisor/type '" + type + "'");
        }
        for (String file : List.of("sys_vendor", "product_name")) {
            String value = read(reader, sysRoot.resolve("class/dmi/id").resolve(file));
            String lower = value.toLowerCase(Locale.ROOT);
            if (!value.isEmpty() && VM_DMI.stream().anyMatch(p -> p.matcher(lower).find())) {
                return new Virtualisation(true, "DMI " + file + " '" + value + "'");
            }
        }
        String vendor = read(reader, sysRoot.resolve("class/dmi/id/sys_vendor"));
        String product = read(reader, sysRoot.resolve("class/dmi/id/product_name"));
        if (vendor.equals("Amazon EC2") && !product.endsWith(".metal")) {
            return new Virtualisation(true, "DMI sys_vendor 'Amazon EC2', product_name '" + product + "'");
        }
        return bareMetal();
    }

    /** "VM (hypervisor flag)" or "bare metal". */
    public String label() {
        return vm ? "VM (" + evidence + ")" : "bare metal";
    }

    private static String read(SysfsReader reader, Path file) {
        try {
            return reader.read(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
