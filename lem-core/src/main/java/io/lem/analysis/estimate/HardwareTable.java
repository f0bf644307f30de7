package io.lem.analysis.estimate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.lem.config.ConfigException;
import io.lem.meter.TdpTable;

/**
 * The devices lem can predict for ({@code hardware.csv}, one datasheet cited per row; see SOURCES.md). A CPU row
 * without a power figure takes its TDP from lem's CPU table ({@link TdpTable}), so the two never disagree.
 */
public final class HardwareTable {

    private final List<HardwareSpec> rows;
    private final TdpTable tdp;

    private HardwareTable(List<HardwareSpec> rows, TdpTable tdp) {
        this.rows = List.copyOf(rows);
        this.tdp = tdp;
    }

    public static HardwareTable bundled() {
        try (InputStream in = HardwareTable.class.getResourceAsStream("hardware.csv")) {
            if (in == null) {
                throw new IllegalStateException("io/lem/analysis/estimate/hardware.csv missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), TdpTable.bundled());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code name,kind,power_w,memory_bandwidth_gb_s,peak_tflops,compute_precision,source}; source may hold commas. */
    static HardwareTable parse(String csv, TdpTable tdp) {
        List<HardwareSpec> rows = new ArrayList<>();
        String[] lines = csv.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].strip().split(",", 7);
            if (f.length != 7) {
                throw new IllegalStateException("hardware.csv line " + (i + 1) + ": expected 7 fields");
            }
            double power;
            String source = f[6];
            if (f[2].isBlank()) {
                TdpTable.Entry entry = tdp.lookup(f[0]).orElseThrow(() -> new IllegalStateException(
                        "hardware.csv: " + f[0] + " has no power and is not in the CPU TDP table"));
                power = entry.tdpW();
            } else {
                power = Double.parseDouble(f[2]);
            }
            rows.add(new HardwareSpec(f[0], f[1], power, Double.parseDouble(f[3]) * 1e9, Double.parseDouble(f[4]) * 1e12,
                    f[5], source));
        }
        return new HardwareTable(rows, tdp);
    }

    public List<HardwareSpec> rows() {
        return rows;
    }

    /** A device by name, any case; a ConfigException for {@code field} listing the names otherwise. */
    public HardwareSpec require(String field, String name) {
        return find(name).orElseThrow(() -> new ConfigException(field, "'" + name + "' is not in lem's hardware "
                + "table; fix: one of " + String.join(", ", rows.stream().map(HardwareSpec::name).toList())));
    }

    public Optional<HardwareSpec> find(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return rows.stream().filter(r -> r.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** Hardware threads per socket of a CPU row, from the CPU table's topology, when known. */
    public Optional<Integer> threadsPerSocket(HardwareSpec cpu) {
        return tdp.lookup(cpu.name()).flatMap(TdpTable.Entry::topology).map(TdpTable.Topology::threadsPerSocket);
    }
}
