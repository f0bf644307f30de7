package io.lem.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.lem.config.ConfigException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a trace of arrivals for {@link ArrivalProcess.TraceReplay}. CSV (with a header row) or JSONL (one object a
 * line), chosen by the file's extension. Columns/keys: {@code timestamp_s} or {@code timestamp_ms} (required; any
 * origin, replay starts at the first row), and optionally {@code input_tokens} / {@code output_tokens} (Mooncake's
 * {@code input_length} / {@code output_length} are accepted too). Rows must be in time order.
 */
public final class TraceFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TraceFile() {
    }

    public static ArrivalProcess.TraceReplay read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<double[]> raw;
        if (name.endsWith(".csv")) {
            raw = csv(file, lines);
        } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            raw = jsonl(file, lines);
        } else {
            throw new ConfigException("trace", file + " has an unknown extension; fix: name it .csv or .jsonl");
        }
        if (raw.isEmpty()) {
            throw new ConfigException("trace", file + " has no rows; fix: give one arrival per row");
        }
        List<ArrivalProcess.TraceRow> rows = new ArrayList<>(raw.size());
        double originS = raw.getFirst()[0];
        double previousS = originS;
        for (int i = 0; i < raw.size(); i++) {
            double[] r = raw.get(i);
            if (r[0] < previousS) {
                throw new ConfigException("trace", file + " row " + (i + 1) + ": timestamp " + r[0]
                        + " s is earlier than the row before (" + previousS + " s); fix: sort the trace by time");
            }
            previousS = r[0];
            rows.add(new ArrivalProcess.TraceRow(Math.round((r[0] - originS) * 1e9), (int) r[1], (int) r[2]));
        }
        return new ArrivalProcess.TraceReplay(rows);
    }

    private static List<double[]> csv(Path file, List<String> lines) {
        List<String> content = lines.stream().filter(l -> !l.isBlank()).toList();
        if (content.isEmpty()) {
            return List.of();
        }
        List<String> header = Arrays.stream(content.getFirst().split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int tsS = header.indexOf("timestamp_s");
        int tsMs = header.indexOf("timestamp_ms");
        if (tsS < 0 && tsMs < 0) {
            throw new ConfigException("trace", file + ": the header " + header + " names no timestamp column; fix: "
                    + "start the file with a header such as timestamp_s,input_tokens,output_tokens");
        }
        int in = firstOf(header, "input_tokens", "input_length");
        int out = firstOf(header, "output_tokens", "output_length");
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < content.size(); i++) {
            String[] cells = content.get(i).split(",", -1);
            String where = file + " line " + (i + 1);
            if (cells.length != header.size()) {
                throw new ConfigException("trace", where + " has " + cells.length + " cells, the header "
                        + header.size() + "; fix: give every row the header's columns");
            }
            double ts = tsS >= 0 ? number(cells[tsS], where, "timestamp_s") : number(cells[tsMs], where, "timestamp_ms") / 1e3;
            rows.add(new double[] {ts, tokens(in < 0 ? null : cells[in], where, header, in),
                    tokens(out < 0 ? null : cells[out], where, header, out)});
        }
        return rows;
    }

    private static List<double[]> jsonl(Path file, List<String> lines) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (JacksonException e) {
                throw new ConfigException("trace", where + " is not JSON: " + e.getOriginalMessage()
                        + "; fix: one JSON object per line");
            }
            double ts;
            if (node.path("timestamp_s").isNumber()) {
                ts = node.get("timestamp_s").asDouble();
            } else if (node.path("timestamp_ms").isNumber()) {
                ts = node.get("timestamp_ms").asDouble() / 1e3;
            } else {
                throw new ConfigException("trace", where + " has no numeric timestamp_s or timestamp_ms; fix: add one");
            }
            rows.add(new double[] {ts, jsonTokens(node, where, "input_tokens", "input_length"),
                    jsonTokens(node, where, "output_tokens", "output_length")});
        }
        return rows;
    }

    private static int firstOf(List<String> header, String... names) {
        for (String n : names) {
            if (header.contains(n)) {
                return header.indexOf(n);
            }
        }
        return -1;
    }

    private static double number(String cell, String where, String column) {
        try {
            double v = Double.parseDouble(cell.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the row and column
        }
        throw new ConfigException("trace", where + ": " + column + " '" + cell + "' is not a number; fix: write "
                + "a plain decimal number");
    }

    private static int tokens(String cell, String where, List<String> header, int column) {
        if (cell == null || cell.isBlank()) {
            return -1;
        }
        return checkTokens(number(cell, where, header.get(column)), where, header.get(column));
    }

    private static int jsonTokens(JsonNode node, String where, String... keys) {
        for (String key : keys) {
            JsonNode value = node.get(key);
            if (value != null && !value.isNull()) {
                if (!value.isNumber()) {
                    throw new ConfigException("trace", where + ": " + key + " " + value + " is not a number; fix: "
                            + "give a whole token count");
                }
                return checkTokens(value.asDouble(), where, key);
            }
        }
        return -1;
    }

    private static int checkTokens(double v, String where, String column) {
        if (v < 1 || v != Math.rint(v) || v > Integer.MAX_VALUE) {
            throw new ConfigException("trace", where + ": " + column + " " + v + " is not a whole count >= 1; fix: "
                    + "give token counts as positive integers");
        }
        return (int) v;
    }
}
