package io.lem.verify.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import io.lem.config.ConfigException;
import io.lem.result.PowerCsv;
import io.lem.result.PowerTable;
import io.lem.result.ResultFileException;
import io.lem.result.ResultFormats;

/**
 * A power.csv as {@code lem power log} and {@code lem run} write it: {@code t_s}, then one column per domain. Read
 * from the file so the GPU comparison checks what a reader would get, not the sampler's memory.
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
     * Read with the one power.csv reader ({@link PowerCsv}).
     *
     * @throws ConfigException naming the file, line and cell when it is not lem's power CSV
     */
    public static PowerCsvTable read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString()); // the CLI's one line for a file that is not there
        }
        try {
            PowerTable table = ResultFormats.POWER.read(file);
            return new PowerCsvTable(table.columns(), table.timesS(), table.values());
        } catch (ResultFileException e) {
            throw new ConfigException(e.where(), e.problem());
        }
    }

    /** The column's index, or -1. */
    public int indexOf(String column) {
        return columns.indexOf(column);
    }

    /** The rows of one column that hold a number, as parallel time and value arrays. */
    Series series(int column) {
        PowerTable.Samples samples = new PowerTable(columns, timesS, values).samples(column);
        return new Series(samples.timesS(), samples.values());
    }
}
