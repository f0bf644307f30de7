package io.lem.result;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * engine_metrics.csv, the engine's scraped metrics in long form ({@code time_s,series,value}, time on
 * requests.jsonl's axis): its one writer's cell rule and its one reader. A series is Prometheus' {@code
 * name{label="value",...}}, so a series with two labels holds a comma and is written quoted (RFC 4180).
 */
public final class EngineMetricsCsv {

    public static final String FILE = "engine_metrics.csv";
    public static final String HEADER = "time_s,series,value";

    /** One scraped value. */
    public record Row(double timeS, String series, double value) {

        /** The series' metric name, without its labels: {@code vllm:num_requests_running}. */
        public String name() {
            int brace = series.indexOf('{');
            return brace < 0 ? series : series.substring(0, brace);
        }
    }

    private EngineMetricsCsv() {
    }

    /** A cell as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, quotes doubled. */
    public static String cell(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /**
     * The rows of {@code file}, read a line at a time (as {@link JsonFiles#readLines}); a malformed line or a file
     * that cannot be read is a {@link ResultFileException} naming the file (and line).
     */
    public static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine(); // the header
            int number = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (!line.isBlank()) {
                    rows.add(row(file, number, line));
                }
            }
        } catch (IOException e) {
            throw new ResultFileException(file, "cannot be read (" + e.getMessage() + "); fix: rerun the load or "
                    + "restore the file");
        }
        return rows;
    }

    private static Row row(Path file, int number, String line) {
        List<String> cells = split(line);
        if (cells.size() != 3) {
            throw new ResultFileException(file + ":" + number, "expected " + HEADER + ", got " + cells.size()
                    + " cells; fix: rerun the load or restore the file");
        }
        try {
            return new Row(Double.parseDouble(cells.get(0)), cells.get(1), Double.parseDouble(cells.get(2)));
        } catch (NumberFormatException e) {
            throw new ResultFileException(file + ":" + number, "not a number (" + e.getMessage()
                    + "); fix: rerun the load or restore the file");
        }
    }

    /** One line's cells (no line breaks inside cells: lem's own CSVs never write them). */
    public static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
