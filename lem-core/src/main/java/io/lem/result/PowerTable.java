package io.lem.result;

import java.util.Arrays;
import java.util.List;

import io.lem.meter.Quantity;

/**
 * A power.csv as read back: the columns after {@code t_s}, one time per row, and every cell. What a column holds
 * follows from its name ({@link PowerCsv#quantity}): {@code <id>_energy_j} cumulative joules, {@code <id>_power_w}
 * watts, anything else a gauge whose id carries its unit ({@code gpu0:temperature_c}).
 *
 * @param columns the header after {@code t_s}
 * @param timesS  one time per row, seconds since the run's clock anchor
 * @param values  {@code values[column][row]}; an empty cell (no sample of that domain in that row) is NaN
 */
public record PowerTable(List<String> columns, double[] timesS, double[][] values) {

    public PowerTable {
        columns = List.copyOf(columns);
    }

    /** The column's index, or -1. */
    public int indexOf(String column) {
        return columns.indexOf(column);
    }

    public int rows() {
        return timesS.length;
    }

    public Quantity quantity(int column) {
        return PowerCsv.quantity(columns.get(column));
    }

    /** The domain id of a column: its name without the unit suffix of an energy or power column. */
    public String domainId(int column) {
        return PowerCsv.domainId(columns.get(column));
    }

    /** The rows of one column that hold a number, as parallel time and value arrays. */
    public Samples samples(int column) {
        double[] v = values[column];
        int n = 0;
        for (double x : v) {
            n += Double.isFinite(x) ? 1 : 0;
        }
        double[] t = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i])) {
                t[k] = timesS[i];
                y[k++] = v[i];
            }
        }
        return new Samples(t, y);
    }

    /** One column's samples: {@code timesS[i]} and {@code values[i]}. */
    public record Samples(double[] timesS, double[] values) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PowerTable p && columns.equals(p.columns) && Arrays.equals(timesS, p.timesS)
                && Arrays.deepEquals(values, p.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * columns.hashCode() + Arrays.hashCode(timesS)) + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return "PowerTable" + columns + " x " + timesS.length + " rows";
    }
}
