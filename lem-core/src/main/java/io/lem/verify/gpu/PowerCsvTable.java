package io.lem.verify.gpu;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lem.config.ConfigException;

/**
 * A power.csv as {@code lem power log} and {@code lem run} write it: {@code t_s}, then one column per domain. Read
 * on its own here so the GPU comparison checks the file a reader would get, not the sampler's memory.
 *
 * @param columns the header after {@code t_s}
 * @param timesS  one time per row, seconds since the log's clock anchor
 * @param values  {@code values[column][row]}; an empty or NaN cell is NaN
 */
public record PowerCsvTable(List<String> columns, double[] timesS, double[][] values) {

    public PowerCsvTable {
        columns = List.copyOf(columns);
    }

    /**
     * @throws ConfigException naming the file, line and cell when it is not lem's power CSV
     */
    public static PowerCsvTable read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.startsWith("t_s,")) {
                throw new ConfigException(file.toString(), "not a lem power CSV: the first line must start with"
                        + " 't_s,'; fix: give the power.csv of lem power log or lem run");
            }
            List<String> columns = List.of(header.substring(4).split(",", -1));
            List<double[]> rows = new ArrayList<>();
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                rows.add(parse(file, number, line, columns.size() + 1));
            }
            double[] times = new double[rows.size()];
            double[][] values = new double[columns.size()][rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                double[] row = rows.get(r);
                times[r] = row[0];
                if (r > 0 && !(times[r] > times[r - 1])) {
                    throw new ConfigException(file + ":" + (r + 2), "t_s " + times[r] + " does not follow "
                            + times[r - 1] + "; fix: rows must be in time order, as lem writes them");
                }
                for (int c = 0; c < columns.size(); c++) {
                    values[c][r] = row[c + 1];
                }
            }
            return new PowerCsvTable(columns, times, values);
        }
    }

    private static double[] parse(Path file, int number, String line, int width) {
        String[] cells = line.split(",", -1);
        if (cells.length != width) {
            throw new ConfigException(file + ":" + number, cells.length + " cells where the header has " + width
                    + "; fix: a truncated last line is cut off by a crash, remove it");
        }
        double[] row = new double[width];
        for (int i = 0; i < width; i++) {
            String cell = cells[i].strip();
            try {
                row[i] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new ConfigException(file + ":" + number, "cell " + (i + 1) + " '" + cell
                        + "' is not a number; fix: give the power.csv lem wrote, unedited");
            }
        }
        if (!Double.isFinite(row[0])) {
            throw new ConfigException(file + ":" + number, "t_s is '" + cells[0] + "'; fix: every row needs a time");
        }
        return row;
    }

    /** The column's index, or -1. */
    public int indexOf(String column) {
        return columns.indexOf(column);
    }

    /** The rows of one column that hold a number, as parallel time and value arrays. */
    Series series(int column) {
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
        return new Series(t, y);
    }
}
