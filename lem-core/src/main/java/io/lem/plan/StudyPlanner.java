package io.lem.plan;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

import io.lem.config.ConfigException;
import io.lem.config.Defaults;

/**
 * Expands a study file's tree (as Jackson's YAML mapper reads it) into a {@link StudyPlan}, following
 * LLenergyMeasure's study grammar ({@code config/grid.py}, {@code config/sweep_expansion.py}):
 * <ol>
 *   <li>{@code base:} names another study file, resolved relative to the one naming it; this file's keys
 *       override its keys (a chain of bases is followed; a cycle is an error).</li>
 *   <li>The sweep: independent axes are crossed; each group contributes one of its variants; groups vary slowest,
 *       the last axis fastest; a group's keys win over an axis's. Without a sweep the fixed keys are one point,
 *       unless an {@code experiments:} list is there.</li>
 *   <li>{@code experiments:} entries are appended, each over the fixed keys.</li>
 *   <li>Every value is checked where it was written (a bad one is a {@link ConfigException} naming its path);
 *       each combination is then resolved by the {@link PointValidator}, and one that fails is kept as a
 *       {@link SkippedPoint} with its reason.</li>
 *   <li>Identical points (same point hash) run once; the design hash covers the unique points.</li>
 * </ol>
 */
public final class StudyPlanner {

    /** LLenergyMeasure's tiers: more than 100 points is large, 500 very large, 2,000 extremely large. */
    static final int[] SIZE_WARNINGS = {100, 500, 2_000};

    private StudyPlanner() {
    }

    /** Plans a study file, reading it with {@code options.reader()}. */
    public static StudyPlan plan(Path file, PlanOptions options) {
        return plan(options.reader().read(file), file, options);
    }

    /** Plans a study tree; {@code file} (nullable) is where it came from, for resolving {@code base:}. */
    public static StudyPlan plan(Map<?, ?> root, Path file, PlanOptions options) {
        KeyCheck check = new KeyCheck(options.managedEngines());
        List<Path> sources = new ArrayList<>();
        StudyDocument doc = resolveBases(root, file, options.reader(), check, sources);
        String studyName = doc.studyName() == null ? Defaults.STUDY_NAME : doc.studyName();
        if (!studyName.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException("study_name", "'" + studyName + "' is not a valid name; fix: use 1-64 "
                    + "letters, digits, '.', '_' or '-'");
        }
        ExecutionSettings execution = ExecutionSettings.parse(doc.execution());

        List<Point> points = new ArrayList<>();
        List<SkippedPoint> skipped = new ArrayList<>();
        List<DuplicatePoint> duplicates = new ArrayList<>();
        Map<String, Integer> byHash = new LinkedHashMap<>();
        List<Map.Entry<String, SequencedMap<String, Object>>> combinations = combinations(doc);
        for (Map.Entry<String, SequencedMap<String, Object>> combination : combinations) {
            SequencedMap<String, Object> merged = new LinkedHashMap<>(doc.fixed());
            merged.putAll(combination.getValue());
            SequencedMap<String, Object> schemaKeys = new LinkedHashMap<>();
            SequencedMap<String, Object> flags = new LinkedHashMap<>();
            merged.forEach((k, v) -> (check.isEngineFlag(k) ? flags : schemaKeys).put(k, v));
            SequencedMap<String, Object> settings;
            try {
                settings = options.validator().resolve(schemaKeys);
            } catch (ConfigException e) {
                skipped.add(new SkippedPoint(combination.getKey(), combination.getValue(), e.getMessage()));
                continue;
            }
            SequencedMap<String, Object> all = new LinkedHashMap<>(settings);
            all.putAll(flags);
            String hash = PointHash.point(all);
            Integer earlier = byHash.get(hash);
            if (earlier != null) {
                duplicates.add(new DuplicatePoint(combination.getKey(), earlier));
                continue;
            }
            byHash.put(hash, points.size() + 1);
            points.add(new Point(points.size() + 1, combination.getKey(), combination.getValue(), settings, flags,
                    hash));
        }
        if (points.isEmpty()) {
            throw new ConfigException(null, "nothing to run: all " + combinations.size() + " combinations are invalid;"
                    + " first: " + skipped.getFirst().origin() + ": " + skipped.getFirst().reason()
                    + "; fix: correct the sweep so that at least one combination is valid");
        }
        String designHash = PointHash.design(points.stream().map(Point::values).toList());
        long seed = execution.seed() != null ? execution.seed() : PointHash.seedOf(designHash);
        List<Run> runs = RunOrder.runs(points.size(), execution.repetitions().plannedCycles(), execution, seed);
        List<String> warnings = warnings(points.size(), combinations.size(), skipped.size(), execution);
        return new StudyPlan(studyName, sources, points, skipped, duplicates, List.copyOf(doc.sweep().keySet()),
                execution, seed, designHash, runs, warnings);
    }

    private static StudyDocument resolveBases(Map<?, ?> root, Path file, StudyReader reader, KeyCheck check,
                                              List<Path> sources) {
        Deque<StudyDocument> chain = new ArrayDeque<>();
        StudyDocument doc = StudyDocument.read(root, check);
        chain.push(doc);
        Path current = file == null ? null : file.toAbsolutePath().normalize();
        if (current != null) {
            sources.add(current);
        }
        while (doc.base() != null) {
            Path named = Path.of(doc.base());
            Path base = (current == null || named.isAbsolute() ? named.toAbsolutePath()
                    : current.getParent().resolve(named)).normalize();
            if (sources.contains(base)) {
                List<String> cycle = new ArrayList<>(sources.stream().map(Path::toString).toList());
                cycle.add(base.toString());
                throw new ConfigException("base", "the base files form a cycle: " + String.join(" -> ", cycle)
                        + "; fix: remove the base: key from one of them");
            }
            sources.add(base);
            Map<?, ?> tree = reader.read(base);
            try {
                doc = StudyDocument.read(tree, check);
            } catch (ConfigException e) {
                String message = e.field() == null ? e.getMessage() : e.getMessage().substring(e.field().length() + 2);
                throw new ConfigException(e.field(), message + " (in base file " + base + ")", e);
            }
            chain.push(doc);
            current = base;
        }
        StudyDocument merged = chain.pop();
        while (!chain.isEmpty()) {
            merged = merged.overriddenBy(chain.pop());
        }
        return merged;
    }

    /** Every combination the sweep and the experiments list declare, with its origin, before validation. */
    private static List<Map.Entry<String, SequencedMap<String, Object>>> combinations(StudyDocument doc) {
        List<Map.Entry<String, SequencedMap<String, Object>>> result = new ArrayList<>();
        if (doc.sweep().isEmpty()) {
            if (doc.experiments() == null) {
                result.add(Map.entry("base config", new LinkedHashMap<>()));
            }
        } else {
            List<List<Map<String, Object>>> groups = new ArrayList<>();
            List<List<Map<String, Object>>> axes = new ArrayList<>();
            doc.sweep().values().forEach(e -> (e instanceof SweepEntry.Group ? groups : axes).add(e.choices()));
            List<SequencedMap<String, Object>> axisCombinations = SweepEntry.cross(axes);
            int n = 1;
            for (SequencedMap<String, Object> groupCombination : SweepEntry.cross(groups)) {
                for (SequencedMap<String, Object> axisCombination : axisCombinations) {
                    SequencedMap<String, Object> declared = new LinkedHashMap<>(axisCombination);
                    declared.putAll(groupCombination);
                    result.add(Map.entry("sweep #" + n++, declared));
                }
            }
        }
        if (doc.experiments() != null) {
            for (int i = 0; i < doc.experiments().size(); i++) {
                result.add(Map.entry("experiments[" + i + "]", new LinkedHashMap<>(doc.experiments().get(i))));
            }
        }
        return result;
    }

    private static List<String> warnings(int points, int combinations, int skipped, ExecutionSettings execution) {
        List<String> warnings = new ArrayList<>();
        int cycles = execution.repetitions().maxCycles();
        String[] sizes = {"large", "very large", "extremely large"};
        for (int tier = SIZE_WARNINGS.length - 1; tier >= 0; tier--) {
            if (points > SIZE_WARNINGS[tier]) {
                double gapHours = (double) points * cycles * execution.gapS() / 3600;
                warnings.add(String.format(java.util.Locale.ROOT, "%s study: %d points, up to %d runs with %d cycles;"
                                + " the pauses alone take %.1f h; consider fewer axes or values", sizes[tier], points,
                        points * cycles, cycles, gapHours));
                break;
            }
        }
        if (skipped * 2 > combinations) {
            warnings.add("most of the sweep is invalid: " + skipped + " of " + combinations
                    + " combinations are skipped; check which keys combine (see the skipped points)");
        }
        int period = RunOrder.latinSquarePeriod(points);
        if (execution.order() == Order.LATIN_SQUARE && points > 1
                && execution.repetitions().plannedCycles() % period != 0) {
            warnings.add("execution.order latin_square is balanced for carry-over only over whole squares: with "
                    + points + " points give a multiple of " + period + " cycles (got "
                    + execution.repetitions().plannedCycles() + ")");
        }
        return warnings;
    }
}
