package io.lem.verify;

import static io.lem.verify.Fields.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The rows of requests.jsonl and request_energy.jsonl, read with the verifier's own small reader. */
final class RequestRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One requests.jsonl row; times in seconds on the run's clock, latencies in ms.
     *
     * @param measured inside the measured portion: lem run's {@code warmup} false, lem load's {@code portion}
     *                 "measured" (its warm-up and cool-down requests are not)
     */
    record Request(long id, boolean measured, boolean ok, Double sendS, Double firstTokenS, Double endS,
                   long promptTokens, long completionTokens, Double ttftMs, Double e2eMs, Double tpotMs,
                   List<Double> chunkMs) {

        boolean measuredOk() {
            return measured && ok;
        }
    }

    /** One request_energy.jsonl row (null where the file has null). */
    record Energy(long id, Double windowJ, Double ttftWindowJ, Double decodeWindowJ, Double tokenProportionalJ,
                  Double timeSharingJ) {
    }

    /** A file's rows, or the reason there are none. */
    record Rows<T>(List<T> rows, String problem) {
    }

    private RequestRows() {
    }

    static Rows<Request> requests(Path dir) {
        return read(dir.resolve(REQUESTS_FILE), n -> new Request(n.path(ID).asLong(), measured(n),
                STATUS_OK.equals(n.path(STATUS).asString(null)), number(n, SEND_S), number(n, FIRST_TOKEN_S),
                number(n, ROW_END_S), n.path(PROMPT_TOKENS).asLong(0), n.path(COMPLETION_TOKENS).asLong(0),
                number(n, TTFT_MS), number(n, E2E_MS), number(n, ROW_TPOT_MS), numbers(n.path(CHUNK_MS))));
    }

    static Rows<Energy> energies(Path dir) {
        return read(dir.resolve(REQUEST_ENERGY_FILE), n -> new Energy(n.path(ID).asLong(), number(n, WINDOW_ENERGY),
                number(n, TTFT_WINDOW_ENERGY), number(n, DECODE_WINDOW_ENERGY), number(n, TOKEN_PROPORTIONAL),
                number(n, TIME_SHARING)));
    }

    private static boolean measured(JsonNode row) {
        JsonNode portion = row.path(ROW_PORTION);
        return portion.isString() ? PORTION_MEASURED.equals(portion.asString()) : !row.path(ROW_WARMUP).asBoolean();
    }

    static Double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.doubleValue() : null;
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> values = new ArrayList<>();
        for (JsonNode v : array.values()) {
            if (v.isNumber()) {
                values.add(v.doubleValue());
            }
        }
        return values;
    }

    private static <T> Rows<T> read(Path file, java.util.function.Function<JsonNode, T> row) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            return new Rows<>(List.of(), name + " is missing");
        }
        List<T> rows = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    rows.add(row.apply(JSON.readTree(lines.get(i))));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Rows<>(List.of(), name + " cannot be read: " + e.getMessage());
        }
        return new Rows<>(rows, null);
    }
}
