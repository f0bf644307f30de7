package io.lem.report.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.lem.config.ConfigException;
import io.lem.result.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One result file of the ML.ENERGY leaderboard v2 ({@code data/llm_text_generation/<task>/<GPU>/<model>/
 * bs<B>+tp<T>+pp<P>.json} in ml-energy/leaderboard-v2), mapped onto lem's names. Their per-request energy is derived
 * as steady-state GPU J/token × the request's output tokens, so J/output-token is Energy/req ÷ Avg Output Tokens.
 *
 * @param energyPerRequestJ  {@code Energy/req (J)}: GPU energy, steady-state window, derived per request
 * @param avgTpotS           {@code Avg TPOT (s)}
 * @param tokensPerSecond    {@code Token tput (tok/s)}: output tokens per second
 * @param avgOutputTokens    {@code Avg Output Tokens}
 * @param meanRunningBatch   {@code Avg BS (reqs)}
 * @param batchLimit         {@code Max BS (reqs)}: the engine's max_num_seqs, lem's B
 */
public record MlEnergyRun(String file, String model, String gpu, int tensorParallel, int pipelineParallel,
                          double energyPerRequestJ, double avgTpotS, double tokensPerSecond, double avgOutputTokens,
                          double meanRunningBatch, long batchLimit) {

    /** Their data checks call a run unstable when the mean running batch is under 85 % of B. */
    public static final double MIN_BATCH_FILL = 0.85;

    public double joulesPerOutputToken() {
        return energyPerRequestJ / avgOutputTokens;
    }

    public double tpotMs() {
        return avgTpotS * 1000;
    }

    public double batchFill() {
        return meanRunningBatch / batchLimit;
    }

    public int gpus() {
        return tensorParallel * pipelineParallel;
    }

    /**
     * One file, or every {@code *.json} of a directory (sorted by name).
     *
     * @throws ConfigException naming the file and the field it lacks
     */
    public static List<MlEnergyRun> read(Path fileOrDir, String field) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(fileOrDir)) {
            try (Stream<Path> s = Files.list(fileOrDir)) {
                s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new ConfigException(field, "cannot list '" + fileOrDir + "' (" + e.getMessage() + ")");
            }
        } else if (Files.isRegularFile(fileOrDir)) {
            files.add(fileOrDir);
        }
        if (files.isEmpty()) {
            throw new ConfigException(field, "no ML.ENERGY result file at '" + fileOrDir + "'; fix: give a leaderboard"
                    + " v2 result file (bs<B>+tp<T>+pp<P>.json) or a directory of them");
        }
        return files.stream().map(f -> one(f, field)).toList();
    }

    private static MlEnergyRun one(Path file, String field) {
        JsonNode j;
        try {
            j = Json.compact().readTree(file.toFile());
        } catch (JacksonException e) {
            throw new ConfigException(field, "'" + file + "' is not JSON (" + e.getOriginalMessage() + "); fix: give"
                    + " an ML.ENERGY leaderboard v2 result file");
        }
        return new MlEnergyRun(file.getFileName().toString(), text(j, "Model", file, field), text(j, "GPU", file, field),
                (int) number(j, "TP", file, field), (int) number(j, "PP", file, field),
                number(j, "Energy/req (J)", file, field), number(j, "Avg TPOT (s)", file, field),
                number(j, "Token tput (tok/s)", file, field), number(j, "Avg Output Tokens", file, field),
                number(j, "Avg BS (reqs)", file, field), (long) number(j, "Max BS (reqs)", file, field));
    }

    private static double number(JsonNode j, String name, Path file, String field) {
        if (!j.path(name).isNumber()) {
            throw missing(name, file, field);
        }
        return j.path(name).doubleValue();
    }

    private static String text(JsonNode j, String name, Path file, String field) {
        if (!j.path(name).isString()) {
            throw missing(name, file, field);
        }
        return j.path(name).stringValue();
    }

    private static ConfigException missing(String name, Path file, String field) {
        return new ConfigException(field, "'" + file + "' has no \"" + name + "\"; fix: give an ML.ENERGY leaderboard"
                + " v2 result file (Model, GPU, TP, PP, Energy/req (J), Avg TPOT (s), Token tput (tok/s), Avg Output"
                + " Tokens, Avg BS (reqs), Max BS (reqs))");
    }
}
