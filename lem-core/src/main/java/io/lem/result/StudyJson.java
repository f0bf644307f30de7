package io.lem.result;

import static io.lem.result.JsonFiles.number;
import static io.lem.result.JsonFiles.string;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * study.json: a {@link StudyFile}, written whole and atomically after each experiment. Its JSON Schema is {@code
 * io/lem/result/schema/study.schema.json}.
 */
public final class StudyJson extends NamedFormat<StudyFile, StudyFile> {

    public static final String FILE = "study.json";

    public static final String SCHEMA_VERSION = "schema_version";
    public static final String STUDY_NAME = "study_name";
    public static final String EXPERIMENTS = "experiments";
    public static final String INDEX = "index";
    public static final String SLUG = "slug";
    public static final String CONFIG_HASH = "config_hash";
    public static final String DIR = "dir";
    public static final String STATUS = "status";
    public static final String ERROR = "error";
    public static final String ENGINE_EXIT = "engine_exit";
    public static final String CONFIG = "config";
    public static final String PHASE = "phase";
    public static final String EXIT_CODE = "exit_code";
    public static final String SIGNAL = "signal";
    public static final String STALLED_S = "stalled_s";
    public static final String ENGINE_LOG_TAIL = "engine_log_tail";
    public static final String STUDY_DESIGN_HASH = "study_design_hash";
    public static final String POINTS = "points";
    public static final String HASH = "hash";
    public static final String KEYS = "keys";
    public static final String CYCLES = "cycles";
    public static final String METRICS = "metrics";
    /** Per point: the FLOPs tier and confidence and the carbon intensity's source behind its metrics. */
    public static final String FIGURES_BASIS = "figures_basis";
    public static final String PRECISION_REACHED = "precision_reached";
    public static final String ANALYSIS = "analysis";
    public static final String PUBLISHABLE = "publishable";
    public static final String VALIDITY = "validity";
    public static final String PREDICTION = "prediction";
    public static final String HARDWARE = "hardware";

    StudyJson() {
        super("study", FILE);
    }

    public static Map<String, Object> toJson(StudyFile study) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(SCHEMA_VERSION, study.schemaVersion());
        json.put(STUDY_NAME, study.studyName());
        List<Map<String, Object>> experiments = new ArrayList<>();
        for (StudyFile.Experiment x : study.experiments()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put(INDEX, x.index());
            e.put(SLUG, x.slug());
            e.put(CONFIG_HASH, x.configHash());
            e.put(DIR, x.dir());
            e.put(STATUS, x.status().jsonName());
            e.put(ERROR, x.error());
            if (x.engineExit() != null) {
                e.put(ENGINE_EXIT, engineExit(x.engineExit()));
            }
            e.put(CONFIG, x.config());
            experiments.add(e);
        }
        json.put(EXPERIMENTS, experiments);
        if (study.studyDesignHash() != null) {
            json.put(STUDY_DESIGN_HASH, study.studyDesignHash());
            List<Map<String, Object>> points = new ArrayList<>();
            for (StudyFile.Point p : study.points()) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put(INDEX, p.index());
                point.put(HASH, p.hash());
                point.put(DIR, p.dir());
                point.put(KEYS, p.keys());
                point.put(CYCLES, p.cycles());
                point.put(METRICS, p.metrics());
                point.put(PRECISION_REACHED, p.precisionReached());
                point.put(PUBLISHABLE, p.publishable());
                point.put(VALIDITY, p.validity());
                point.put(FIGURES_BASIS, p.figuresBasis());
                if (p.prediction() != null) {
                    point.put(PREDICTION, p.prediction());
                }
                if (p.hardware() != null) {
                    point.put(HARDWARE, p.hardware());
                }
                points.add(point);
            }
            json.put(POINTS, points);
            json.put(ANALYSIS, study.analysis());
        }
        return json;
    }

    /** The {@code engine_exit} object, also written into a failed experiment's failure.json. */
    public static Map<String, Object> engineExit(StudyFile.EngineExit exit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(PHASE, exit.phase());
        json.put(EXIT_CODE, exit.exitCode());
        json.put(SIGNAL, exit.signal());
        json.put(STALLED_S, exit.stalledS());
        json.put(ENGINE_LOG_TAIL, exit.engineLogTail());
        return json;
    }

    public static StudyFile of(JsonNode json) {
        List<StudyFile.Experiment> experiments = json.path(EXPERIMENTS).valueStream().map(e -> {
            JsonNode x = e.path(ENGINE_EXIT);
            Long code = JsonFiles.whole(x, EXIT_CODE);
            StudyFile.EngineExit exit = x.isObject() ? new StudyFile.EngineExit(string(x, PHASE),
                    code == null ? null : code.intValue(), string(x, SIGNAL), number(x, STALLED_S),
                    JsonFiles.strings(x.path(ENGINE_LOG_TAIL))) : null;
            return new StudyFile.Experiment(e.path(INDEX).asInt(0), string(e, SLUG), string(e, CONFIG_HASH),
                    string(e, DIR), StudyFile.Status.of(e.path(STATUS).asString("pending")), string(e, ERROR), exit,
                    JsonFiles.plain(e.path(CONFIG)));
        }).toList();
        List<StudyFile.Point> points = json.path(POINTS).valueStream().map(p -> new StudyFile.Point(
                p.path(INDEX).asInt(0), string(p, HASH), string(p, DIR), JsonFiles.plain(p.path(KEYS)),
                JsonFiles.strings(p.path(CYCLES)), JsonFiles.plain(p.path(METRICS)),
                p.path(PRECISION_REACHED).isBoolean() ? p.path(PRECISION_REACHED).asBoolean() : null,
                p.path(PUBLISHABLE).isBoolean() ? p.path(PUBLISHABLE).asBoolean() : null,
                JsonFiles.plain(p.path(VALIDITY)),
                p.path(PREDICTION).isObject() ? JsonFiles.plain(p.path(PREDICTION)) : null,
                JsonFiles.plain(p.path(FIGURES_BASIS)),
                p.path(HARDWARE).isObject() ? JsonFiles.plain(p.path(HARDWARE)) : null)).toList();
        return new StudyFile(json.path(SCHEMA_VERSION).asInt(0), string(json, STUDY_NAME), experiments,
                string(json, STUDY_DESIGN_HASH), points, JsonFiles.plain(json.path(ANALYSIS)));
    }

    @Override
    public void write(Path file, StudyFile study) throws IOException {
        AtomicFiles.write(file, Json.pretty().writeValueAsBytes(toJson(study)));
    }

    /**
     * @throws ResultFileException also for an experiment status lem does not write
     */
    @Override
    public StudyFile read(Path file) {
        JsonNode json = JsonFiles.readObject(file);
        try {
            return of(json);
        } catch (IllegalArgumentException e) {
            throw new ResultFileException(file, "holds an unknown experiment status (" + e.getMessage()
                    + "); fix: statuses are pending, done, skipped, failed and interrupted");
        }
    }
}
