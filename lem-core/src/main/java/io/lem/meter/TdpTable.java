package io.lem.meter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CodeCarbon's CPU TDP table ({@code cpu_power.csv}, MIT; see {@code SOURCES.md} next to it), joined with lem's own
 * table of cores and threads per socket for common server parts ({@code cpu_threads.csv}, same SOURCES.md), which
 * the power model needs in a VM. Names are matched
 * exactly after the same normalisation on both sides: "(R)", "(TM)", "CPU", "Processor", "n-Core", "@ x GHz" and
 * "with Radeon ... Graphics" removed, case and spaces folded. No fuzzy matching: a generic name such as a VM's
 * "AMD EPYC" must fall back to the stated default rather than borrow some other part's TDP.
 */
public final class TdpTable {

    private static final Pattern[] NOISE = {
            Pattern.compile("\\((r|tm)\\)"),
            Pattern.compile("@\\s*[\\d.]+\\s*ghz"),
            Pattern.compile("\\bwith radeon.*$"),
            Pattern.compile("\\b\\d+-core\\b"),
            Pattern.compile("\\b(cpu|processor)\\b"),
    };

    private final Map<String, Entry> byNormalisedName;

    private final int skippedRows;

    private TdpTable(Map<String, Entry> byNormalisedName, int skippedRows) {
        this.byNormalisedName = Map.copyOf(byNormalisedName);
        this.skippedRows = skippedRows;
    }

    /** Rows whose TDP is not a number and were left out. */
    public int skippedRows() {
        return skippedRows;
    }

    /**
     * One row of the table.
     *
     * @param topology cores and threads per socket, when lem's thread table has the part
     */
    public record Entry(String name, double tdpW, Optional<Topology> topology) {

        public Entry(String name, double tdpW) {
            this(name, tdpW, Optional.empty());
        }
    }

    /** Cores and hardware threads of one socket, and where the figures come from. */
    public record Topology(int coresPerSocket, int threadsPerSocket, String source) {
    }

    /** The tables bundled with lem. */
    public static TdpTable bundled() {
        return parse(resource("cpu_power.csv")).withTopologies(resource("cpu_threads.csv"));
    }

    private static String resource(String name) {
        try (InputStream in = TdpTable.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("io/lem/meter/" + name + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds {@code Name,Cores,Threads,Source} rows to the entries of the same name.
     *
     * @throws IllegalArgumentException for a row whose name is not in the TDP table (it could never be used)
     */
    public TdpTable withTopologies(String csv) {
        Map<String, Entry> joined = new HashMap<>(byNormalisedName);
        String[] lines = csv.split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].split(",", 4);
            String key = normalise(f[0]);
            Entry e = joined.get(key);
            if (e == null) {
                throw new IllegalArgumentException("thread table row " + (i + 1) + ": '" + f[0]
                        + "' is not in the TDP table");
            }
            joined.put(key, new Entry(e.name(), e.tdpW(), Optional.of(new Topology(Integer.parseInt(f[1].strip()),
                    Integer.parseInt(f[2].strip()), f[3].strip()))));
        }
        return new TdpTable(joined, skippedRows);
    }

    /** Parses {@code Name,TDP} lines; names with commas are double-quoted. */
    public static TdpTable parse(String csv) {
        Map<String, Entry> map = new HashMap<>();
        int skipped = 0;
        String[] lines = csv.split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int comma = line.startsWith("\"") ? line.indexOf("\",", 1) + 1 : line.lastIndexOf(',');
            String name = line.substring(0, comma).replace("\"", "");
            double tdp;
            try {
                tdp = Double.parseDouble(line.substring(comma + 1).strip());
            } catch (NumberFormatException e) {
                skipped++; // four source rows hold ranges such as "27.29.5" (old Celerons): no single TDP
                continue;
            }
            map.putIfAbsent(normalise(name), new Entry(name, tdp));
        }
        return new TdpTable(map, skipped);
    }

    public Optional<Entry> lookup(String cpuModelName) {
        return Optional.ofNullable(byNormalisedName.get(normalise(cpuModelName)));
    }

    public int size() {
        return byNormalisedName.size();
    }

    static String normalise(String name) {
        String s = name.toLowerCase(Locale.ROOT);
        for (Pattern p : NOISE) {
            s = p.matcher(s).replaceAll(" ");
        }
        return s.replaceAll("\\s+", " ").strip();
    }
}
