package io.lem.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.config.ExperimentConfig;
import io.lem.result.AtomicFiles;
import io.lem.result.Json;
import io.lem.result.JsonFiles;
import io.lem.result.ResultFileException;
import tools.jackson.databind.JsonNode;

/**
 * manifest.json, beside study.json: the execution state of a study (which (point, cycle) run stands where), kept
 * apart from study.json's results so that either can be rewritten without the other's cost. It is rewritten
 * atomically (temp + rename, {@link AtomicFiles}) at every state change, so a crash or Ctrl-C leaves a manifest that
 * {@code lem run --resume} can trust, and it holds every point's resolved settings so that one run can be executed
 * anywhere from the study directory and its run index ({@link #unit}).
 *
 * @param state     running, paused (circuit breaker), interrupted or finished
 * @param message   why the study paused or stopped; null while running and when finished
 * @param sources   the study file and its base files (absolute), empty for the demo study
 */
public record StudyManifest(int schemaVersion, String studyName, String studyDesignHash, List<String> sources,
                            String state, String message, double timeoutS, List<PointEntry> points,
                            List<RunEntry> runs) {

    public static final String FILE = "manifest.json";
    public static final int VERSION = 1;

    public StudyManifest {
        sources = List.copyOf(sources);
        points = List.copyOf(points);
        runs = List.copyOf(runs);
    }

    /**
     * @param dir      the point's directory name, {@code NNN-<slug>-<hash8>}
     * @param settings its settings and engine flags: what a unit's experiment config is built from
     */
    public record PointEntry(int index, String hash, String dir, Map<String, Object> declared,
                             Map<String, Object> settings) {
    }

    /** @param dir the run's directory relative to the study directory */
    public record RunEntry(int point, int cycle, double pauseBeforeS, String dir, RunStatus status, String error) {

        public RunEntry with(RunStatus newStatus, String newError) {
            return new RunEntry(point, cycle, pauseBeforeS, dir, newStatus, newError);
        }
    }

    public StudyManifest withRuns(List<RunEntry> newRuns) {
        return new StudyManifest(schemaVersion, studyName, studyDesignHash, sources, state, message, timeoutS, points,
                newRuns);
    }

    public StudyManifest withState(String newState, String newMessage) {
        return new StudyManifest(schemaVersion, studyName, studyDesignHash, sources, newState, newMessage, timeoutS,
                points, runs);
    }

    /** The unit of run {@code runIndex}, rebuilt from this manifest alone: what a remote executor starts from. */
    public Unit unit(Path studyDir, int runIndex) {
        RunEntry run = runs.get(runIndex);
        PointEntry point = points.get(run.point() - 1);
        return new Unit(studyName, studyDir, runIndex, run.point(), run.cycle(),
                ExperimentConfig.resolve(point.index(), point.settings()), studyDir.resolve(run.dir()), timeoutS);
    }

    public static boolean exists(Path studyDir) {
        return Files.isRegularFile(studyDir.resolve(FILE));
    }

    public void write(Path studyDir) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schema_version", schemaVersion);
        json.put("study_name", studyName);
        json.put("study_design_hash", studyDesignHash);
        json.put("sources", sources);
        json.put("state", state);
        json.put("message", message);
        json.put("experiment_timeout_s", timeoutS);
        json.put("points", points.stream().map(p -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("index", p.index());
            e.put("hash", p.hash());
            e.put("dir", p.dir());
            e.put("declared", p.declared());
            e.put("settings", p.settings());
            return e;
        }).toList());
        json.put("runs", runs.stream().map(r -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("point", r.point());
            e.put("cycle", r.cycle());
            e.put("pause_before_s", r.pauseBeforeS());
            e.put("dir", r.dir());
            e.put("status", r.status().jsonName());
            e.put("error", r.error());
            return e;
        }).toList());
        AtomicFiles.write(studyDir.resolve(FILE), Json.pretty().writeValueAsBytes(json));
    }

    public static StudyManifest read(Path studyDir) {
        Path file = studyDir.resolve(FILE);
        JsonNode json = JsonFiles.readObject(file);
        try {
            List<PointEntry> points = new ArrayList<>();
            for (JsonNode p : json.path("points")) {
                points.add(new PointEntry(p.path("index").asInt(), JsonFiles.string(p, "hash"),
                        JsonFiles.string(p, "dir"), JsonFiles.plain(p.path("declared")),
                        JsonFiles.plain(p.path("settings"))));
            }
            List<RunEntry> runs = new ArrayList<>();
            for (JsonNode r : json.path("runs")) {
                runs.add(new RunEntry(r.path("point").asInt(), r.path("cycle").asInt(),
                        r.path("pause_before_s").asDouble(0), JsonFiles.string(r, "dir"),
                        RunStatus.of(r.path("status").asString("pending")), JsonFiles.string(r, "error")));
            }
            return new StudyManifest(json.path("schema_version").asInt(0), JsonFiles.string(json, "study_name"),
                    JsonFiles.string(json, "study_design_hash"), JsonFiles.strings(json.path("sources")),
                    JsonFiles.string(json, "state"), JsonFiles.string(json, "message"),
                    json.path("experiment_timeout_s").asDouble(0), points, runs);
        } catch (IllegalArgumentException e) {
            throw new ResultFileException(file, "holds an unknown run status (" + e.getMessage()
                    + "); fix: statuses are " + java.util.Arrays.stream(RunStatus.values())
                    .map(RunStatus::jsonName).toList());
        }
    }
}
