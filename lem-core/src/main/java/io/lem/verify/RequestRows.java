package io.lem.verify;

import static io.lem.verify.Fields.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.lem.result.JsonFiles;
import io.lem.result.ResultFileException;
import io.lem.result.ResultFormats;
import tools.jackson.databind.JsonNode;

/**
 * The rows of requests.jsonl and request_energy.jsonl as the verifier uses them, read through the shared result
 * readers ({@link ResultFormats}): readers only, no analysis is shared.
 */
final class RequestRows {

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
        return read(dir.resolve(REQUESTS_FILE), () -> ResultFormats.REQUESTS.readIn(dir), r -> new Request(r.id(),
                r.measured(), r.ok(), finite(r.sendS()), r.firstTokenS(), finite(r.endS()), count(r.promptTokens()),
                count(r.completionTokens()), r.ttftMs(), finite(r.e2eMs()), r.tpotMs(), r.chunkMs()));
    }

    static Rows<Energy> energies(Path dir) {
        return read(dir.resolve(REQUEST_ENERGY_FILE), () -> ResultFormats.REQUEST_ENERGY.readIn(dir),
                r -> new Energy(r.id(), r.windowEnergyJ(), r.ttftWindowEnergyJ(), r.decodeWindowEnergyJ(),
                        r.tokenProportionalJ(), r.timeSharingJ()));
    }

    static Double number(JsonNode node, String field) {
        return JsonFiles.number(node, field);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static long count(Long n) {
        return n == null ? 0 : n;
    }

    /** The rows through the shared reader (which holds no analysis), mapped to the verifier's own records. */
    private static <R, T> Rows<T> read(Path file, Supplier<List<R>> reader, Function<R, T> row) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            return new Rows<>(List.of(), name + " is missing");
        }
        try {
            return new Rows<>(reader.get().stream().map(row).toList(), null);
        } catch (ResultFileException e) {
            return new Rows<>(List.of(), name + " cannot be read: " + e.problem());
        }
    }
}
