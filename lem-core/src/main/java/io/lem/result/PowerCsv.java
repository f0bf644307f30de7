package io.lem.result;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lem.meter.Domain;
import io.lem.meter.Quantity;

/**
 * power.csv: {@code t_s} (seconds since the run's clock anchor), then one column per domain, named by {@link
 * #column}. One row per sample; an empty cell means that domain has no sample in that row. Written as it is sampled by
 * {@link PowerCsvWriter}, read back whole into a {@link PowerTable}.
 */
public final class PowerCsv extends NamedFormat<PowerTable, PowerTable> {

    public static final String FILE = "power.csv";
    public static final String TIME = "t_s";
    public static final String ENERGY_SUFFIX = "_energy_j";
    public static final String POWER_SUFFIX = "_power_w";

    PowerCsv() {
        super("power", FILE);
    }

    /** The column header of a domain: {@code <id>_energy_j}, {@code <id>_power_w}, or a gauge's id (it ends with its unit). */
    public static String column(Domain domain) {
        return switch (domain.quantity()) {
            case ENERGY_J -> domain.id() + ENERGY_SUFFIX;
            case POWER_W -> domain.id() + POWER_SUFFIX;
            case GAUGE -> domain.id();
        };
    }

    /**
     * What a column holds, from its name. A gauge's unit follows a colon ({@code gpu0:power_w}), so only a name ending
     * in {@code _energy_j} or {@code _power_w} is an energy or power column, whatever its id holds ({@code process:1234_energy_j}).
     */
    public static Quantity quantity(String column) {
        return column.endsWith(ENERGY_SUFFIX) ? Quantity.ENERGY_J
                : column.endsWith(POWER_SUFFIX) ? Quantity.POWER_W : Quantity.GAUGE;
    }

    public static String domainId(String column) {
        return switch (quantity(column)) {
            case ENERGY_J -> column.substring(0, column.length() - ENERGY_SUFFIX.length());
            case POWER_W -> column.substring(0, column.length() - POWER_SUFFIX.length());
            case GAUGE -> column;
        };
    }

    /** Appends one cell: nothing for a missing sample (NaN), else Java's locale-free shortest repeatable form. */
    static void appendCell(StringBuilder line, double value) {
        line.append(',');
        if (!Double.isNaN(value)) {
            line.append(Double.toString(value));
        }
    }

    @Override
    public void write(Path file, PowerTable table) throws IOException {
        StringBuilder text = new StringBuilder(TIME);
        table.columns().forEach(c -> text.append(',').append(c));
        text.append('\n');
        for (int r = 0; r < table.rows(); r++) {
            text.append(Double.toString(table.timesS()[r]));
            for (double[] column : table.values()) {
                appendCell(text, column[r]);
            }
            text.append('\n');
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws ResultFileException naming the file, line and cell when it is not lem's power CSV
     */
    @Override
    public PowerTable read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file, in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ResultFileException(file, "missing; fix: rerun the experiment or restore the file");
        } catch (IOException e) {
            throw new ResultFileException(file, "cannot be read (" + e.getMessage() + ")");
        }
    }

    private static PowerTable read(Path file, BufferedReader in) throws IOException {
        String header = in.readLine();
        if (header == null || !header.startsWith(TIME + ",")) {
            throw new ResultFileException(file, "not a lem power CSV: the first line must start with 't_s,'; fix:"
                    + " give the power.csv of lem power log or lem run");
        }
        List<String> columns = List.of(header.substring(TIME.length() + 1).split(",", -1));
        List<double[]> rows = new ArrayList<>();
        String line;
        int number = 1;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            double[] row = parse(file, number, line, columns.size() + 1);
            if (!rows.isEmpty() && !(row[0] > rows.getLast()[0])) {
                throw new ResultFileException(file + ":" + number, "t_s " + row[0] + " does not follow "
                        + rows.getLast()[0] + "; fix: rows must be in time order, as lem writes them");
            }
            rows.add(row);
        }
        double[] times = new double[rows.size()];
        double[][] values = new double[columns.size()][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            times[r] = row[0];
            for (int c = 0; c < columns.size(); c++) {
                values[c][r] = row[c + 1];
            }
        }
        return new PowerTable(columns, times, values);
    }

    private static double[] parse(Path file, int number, String line, int width) {
        String[] cells = line.split(",", -1);
        if (cells.length != width) {
            throw new ResultFileException(file + ":" + number, cells.length + " cells where the header has " + width
                    + "; fix: a truncated last line is cut off by a crash, remove it");
        }
        double[] row = new double[width];
        for (int i = 0; i < width; i++) {
            String cell = cells[i].strip();
            try {
                row[i] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new ResultFileException(file + ":" + number, "cell " + (i + 1) + " '" + cell
                        + "' is not a number; fix: give the power.csv lem wrote, unedited");
            }
        }
        if (!Double.isFinite(row[0])) {
            throw new ResultFileException(file + ":" + number, "t_s is '" + cells[0] + "'; fix: every row needs a time");
        }
        return row;
    }
}
