package io.lem.meter.smi;

import java.util.regex.Pattern;

/**
 * One line of {@code nvidia-smi --query-gpu=timestamp,index,uuid,power.draw,temperature.gpu,utilization.gpu,
 * memory.used,clocks.sm --format=csv,noheader,nounits}. A value nvidia-smi cannot give ({@code [N/A]}, {@code
 * [Not Supported]}, e.g. utilization.gpu under MIG) is NaN.
 *
 * @param timestamp nvidia-smi's own wall-clock stamp, kept as text (lem times samples with its own clock)
 */
public record SmiReading(String timestamp, int index, String uuid, double powerW, double temperatureC,
                         double smUtilPct, double memoryUsedMib, double smClockMhz) {

    /** The query nvidia-smi is asked for; the order of the fields in each line. */
    public static final String QUERY = "timestamp,index,uuid,power.draw,temperature.gpu,utilization.gpu,"
            + "memory.used,clocks.sm";

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final String[] UNITS = {" W", " %", " MiB", " MHz", " C"};

    /**
     * Parses one line. Unit suffixes are tolerated (a line from {@code --format=csv} without {@code nounits}
     * parses the same).
     *
     * @throws IllegalArgumentException naming the line and the field when it is not such a line
     */
    public static SmiReading parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 8) {
            throw new IllegalArgumentException("expected 8 comma-separated fields (" + QUERY + "), got "
                    + f.length + ": '" + line + "'");
        }
        int index;
        try {
            index = Integer.parseInt(f[1].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("index '" + f[1].strip() + "' is not an integer: '" + line + "'");
        }
        return new SmiReading(f[0].strip(), index, f[2].strip(), number("power.draw", f[3], line),
                number("temperature.gpu", f[4], line), number("utilization.gpu", f[5], line),
                number("memory.used", f[6], line), number("clocks.sm", f[7], line));
    }

    private static double number(String field, String raw, String line) {
        String v = raw.strip();
        if (v.isEmpty() || v.startsWith("[") && v.endsWith("]") || v.equalsIgnoreCase("N/A")
                || v.equalsIgnoreCase("Not Supported")) {
            return Double.NaN;
        }
        for (String unit : UNITS) {
            if (v.endsWith(unit)) {
                v = v.substring(0, v.length() - unit.length());
                break;
            }
        }
        if (NUMBER.matcher(v).matches()) {
            return Double.parseDouble(v);
        }
        throw new IllegalArgumentException(field + " '" + raw.strip() + "' is neither a number nor [N/A]: '"
                + line + "'");
    }
}
