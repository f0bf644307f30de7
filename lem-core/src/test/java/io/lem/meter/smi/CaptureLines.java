package io.lem.meter.smi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the lines lem's query would print from a recorded {@code --query-gpu=... --format=csv} section: the eight
 * columns of {@link SmiReading#QUERY} are picked out of the capture's header and data row by name ({@code
 * clocks.sm} is {@code clocks.current.sm}, its alias per {@code nvidia-smi --help-query-gpu}), and the unit suffix
 * of each value is removed, which is all {@code nounits} changes.
 */
final class CaptureLines {

    private static final String[] COLUMNS = {"timestamp", "index", "uuid", "power.draw [W]", "temperature.gpu",
            "utilization.gpu [%]", "memory.used [MiB]", "clocks.current.sm [MHz]"};

    private CaptureLines() {
    }

    /** The row of one state ({@code idle} or {@code load}) with units, in the query's column order. */
    static String withUnits(String capture, String state) {
        List<String> lines = resource(capture);
        int at = lines.indexOf("# " + state + " :: query-gpu (csv, what the exporter parses)");
        if (at < 0) {
            throw new IllegalArgumentException("no " + state + " section in " + capture);
        }
        List<String> header = Arrays.asList(lines.get(at + 1).split(", ", -1));
        String[] row = lines.get(at + 2).split(", ", -1);
        if (header.size() != row.length) {
            throw new IllegalStateException(capture + ": " + header.size() + " columns, " + row.length + " values");
        }
        List<String> picked = new ArrayList<>();
        for (String column : COLUMNS) {
            int i = header.indexOf(column);
            if (i < 0) {
                throw new IllegalStateException(capture + " has no column " + column);
            }
            picked.add(row[i]);
        }
        return String.join(", ", picked);
    }

    /** The same row as {@code --format=csv,noheader,nounits} prints it. */
    static String noUnits(String capture, String state) {
        return withUnits(capture, state).replaceAll(" (W|%|MiB|MHz)(?=,|$)", "");
    }

    private static List<String> resource(String name) {
        try (InputStream in = CaptureLines.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
