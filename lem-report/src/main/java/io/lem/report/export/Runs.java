package io.lem.report.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lem.result.ResultFile;
import io.lem.result.ResultFormats;
import io.lem.result.StudyFile;
import tools.jackson.databind.node.ObjectNode;

/** Every (point, cycle) run of a results directory, read through lem-core's readers. */
final class Runs {

    private static final Pattern CYCLE_DIR = Pattern.compile("cycle-(\\d+)");

    private Runs() {
    }

    static List<Run> of(ResultsDir dir, String name) {
        return switch (dir.kind()) {
            case STUDY -> study(dir.path(), name);
            case EXPERIMENT -> List.of(experiment(dir.path(), name));
            case LOAD -> List.of(new Run(null, name, 1, null, ".", 1, ".", dir.path(), Map.of(), Map.of(), "done",
                    null, null, ResultFormats.SUMMARY.readIn(dir.path()), null));
        };
    }

    private static Run experiment(Path dir, String name) {
        ObjectNode tree = ResultFormats.RESULT.tree(ResultFormats.RESULT.in(dir));
        ResultFile result = ResultFormats.RESULT.of(tree);
        Matcher cycle = CYCLE_DIR.matcher(dir.getFileName() == null ? "" : dir.getFileName().toString());
        return new Run(result.studyName(), name, result.experiment().index(), result.experiment().configHash(), ".",
                cycle.matches() ? Integer.parseInt(cycle.group(1)) : 1, ".", dir, result.experiment().config(),
                Map.of(), "done", result, tree, null, null);
    }

    /**
     * A planned study: each point's cycles, in point then cycle order ({@code NNN-slug-hash8/cycle-K/}, or the point's
     * directory itself in a one-cycle study). A study.json from before plans lists experiments only: one cycle each.
     */
    private static List<Run> study(Path dir, String name) {
        StudyFile study = ResultFormats.STUDY.readIn(dir);
        Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
        study.experiments().forEach(e -> configs.putIfAbsent(e.configHash(), e.config()));
        List<Run> runs = new ArrayList<>();
        if (study.points().isEmpty()) {
            for (StudyFile.Experiment e : study.experiments()) {
                runs.add(run(study.studyName(), name, dir, e.index(), e.configHash(), e.dir(), 1, e.dir(), e.config(),
                        Map.of(), e.status().jsonName(), null));
            }
            return runs;
        }
        for (StudyFile.Point p : study.points()) {
            for (int k = 1; k <= p.cycles().size(); k++) {
                String cycleDir = p.dir() + "/cycle-" + k;
                String runDir = Files.isDirectory(dir.resolve(cycleDir)) || p.cycles().size() > 1 ? cycleDir : p.dir();
                runs.add(run(study.studyName(), name, dir, p.index(), p.hash(), p.dir(), k, runDir,
                        configs.getOrDefault(p.hash(), Map.of()), p.keys(), p.cycles().get(k - 1), p));
            }
        }
        return runs;
    }

    private static Run run(String study, String name, Path root, int index, String hash, String pointDir, int cycle,
                           String runDir, Map<String, Object> config, Map<String, Object> keys, String status,
                           StudyFile.Point point) {
        Path dir = root.resolve(runDir);
        ObjectNode tree = Files.isRegularFile(ResultFormats.RESULT.in(dir))
                ? ResultFormats.RESULT.tree(ResultFormats.RESULT.in(dir)) : null;
        ResultFile result = tree == null ? null : ResultFormats.RESULT.of(tree);
        Map<String, Object> cfg = config.isEmpty() && result != null ? result.experiment().config() : config;
        return new Run(study, name, index, hash, pointDir, cycle, runDir, dir, cfg, keys, status, result, tree, null,
                point);
    }
}
