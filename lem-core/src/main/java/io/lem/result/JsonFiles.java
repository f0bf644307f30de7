package io.lem.result;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading lem's JSON and JSONL files into trees, and the typed values the readers take out of them. */
public final class JsonFiles {

    private static final String FIX = "; fix: rerun the experiment or restore the file";

    private JsonFiles() {
    }

    /** A file holding one JSON object. */
    public static ObjectNode readObject(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ResultFileException(file, "missing" + FIX);
        }
        JsonNode node;
        try {
            node = Json.compact().readTree(file.toFile());
        } catch (JacksonException e) {
            throw new ResultFileException(file, "not valid JSON (" + e.getOriginalMessage() + ")" + FIX);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ResultFileException(file, "not a JSON object" + FIX);
        }
        return object;
    }

    /**
     * A JSONL file, one row per non-blank line, read a line at a time: only the rows stay in memory, never the
     * file's text (a load output of 323,021 requests is 164 MB of text).
     */
    public static <T> List<T> readLines(Path file, Function<JsonNode, T> row) {
        if (!Files.isRegularFile(file)) {
            throw new ResultFileException(file, "missing" + FIX);
        }
        List<T> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    rows.add(row.apply(Json.compact().readTree(line)));
                } catch (JacksonException e) {
                    throw new ResultFileException(file + ":" + number, "not valid JSON ("
                            + e.getOriginalMessage() + "); fix: a truncated last line is cut off by a crash, remove it");
                }
            }
        } catch (IOException e) {
            throw new ResultFileException(file, "cannot be read (" + e.getMessage() + ")" + FIX);
        }
        return rows;
    }

    /** A whole JSONL file at once, atomically: one compact JSON object per row. */
    public static void writeLines(Path file, List<?> rows) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Object row : rows) {
            text.append(Json.compact().writeValueAsString(row)).append('\n');
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The number in {@code field}; null when it is null, absent or not a number. */
    public static Double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.doubleValue() : null;
    }

    /** The whole number in {@code field}; null when it is null, absent or not a number. */
    public static Long whole(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.longValue() : null;
    }

    /** The string in {@code field}; null when it is null or absent. */
    public static String string(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    public static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.values().forEach(v -> values.add(v.asString()));
        return List.copyOf(values);
    }

    /** The numbers of an array, nulls and non-numbers left out. */
    public static List<Double> numbers(JsonNode array) {
        double[] values = new double[array.size()];
        int n = 0;
        for (JsonNode v : array.values()) {
            if (v.isNumber()) {
                values[n++] = v.doubleValue();
            }
        }
        return DoubleList.copyOf(values, n);
    }

    /** A {@code {name: number}} object, in file order; a null value stays null. */
    public static Map<String, Double> numberMap(JsonNode object) {
        Map<String, Double> values = new LinkedHashMap<>();
        object.propertyNames().forEach(name -> values.put(name, number(object, name)));
        return values;
    }

    /** A JSON object as plain Java values (maps, lists, numbers, strings, booleans, nulls), in file order. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> plain(JsonNode object) {
        return object.isObject() ? Json.compact().convertValue(object, LinkedHashMap.class) : Map.of();
    }
}
