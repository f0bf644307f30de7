package io.lem.report.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The tidy tables of one or more results directories, computed from the files on disk only (through lem-core's
 * readers), never from a run's memory: {@value #POINTS} (one row per point), {@value #CYCLES} (one per (point,
 * cycle) run), {@value #REQUESTS} (one per requests.jsonl row, with its request_energy.jsonl figures),
 * {@value #SAMPLES} (one per power.csv sample of each energy domain), {@value #GAUGES} (one per gauge reading) and
 * {@value #ENGINE_METRICS} (one per engine_metrics.csv value). Every table starts with the ids that link them:
 * {@value #STUDY}, {@value #RESULTS_DIR}, {@value #POINT_HASH} and (below points) {@value #CYCLE}.
 *
 * @param sweptKeys the config keys that tell the points apart, each a column of points and cycles
 *                  ({@link Column#ofKey}): the study's swept keys, then any other key whose value differs
 */
public record TidyTables(List<Table> tables, List<String> sweptKeys) {

    public static final String POINTS = "points";
    public static final String CYCLES = "cycles";
    public static final String REQUESTS = "requests";
    public static final String SAMPLES = "samples";
    public static final String GAUGES = "gauges";
    public static final String ENGINE_METRICS = "engine_metrics";

    /** The tables built from each run's own files, not from its result.json: the costly ones. */
    public static final Set<String> PER_RUN = Set.of(REQUESTS, SAMPLES, GAUGES, ENGINE_METRICS);

    public static final String STUDY = "study";
    public static final String RESULTS_DIR = "results_dir";
    public static final String POINT_HASH = "point_hash";
    public static final String CYCLE = "cycle";

    static final List<Column> IDS = List.of(new Column(STUDY, ColumnType.STRING),
            new Column(RESULTS_DIR, ColumnType.STRING), new Column(POINT_HASH, ColumnType.STRING),
            new Column(CYCLE, ColumnType.LONG));

    public TidyTables {
        tables = List.copyOf(tables);
        sweptKeys = List.copyOf(sweptKeys);
    }

    /**
     * Every results directory at or under {@code root} ({@link ResultsDir#under}), each named by its path relative
     * to {@code root} in the {@value #RESULTS_DIR} column.
     *
     * @param field the option that named the root, for the error when there are no results
     */
    public static TidyTables under(Path root, String field) {
        return of(root, ResultsDir.under(root, field));
    }

    /**
     * As {@link #under(Path, String)}, with the {@value #POINTS} and {@value #CYCLES} tables and only those of
     * {@link #PER_RUN} named here: the files behind the others (requests.jsonl, power.csv, engine_metrics.csv) are
     * not read.
     */
    public static TidyTables under(Path root, String field, Set<String> perRunTables) {
        return of(root, ResultsDir.under(root, field), perRunTables);
    }

    /**
     * {@code dir} when it is a results directory (named by its own name), else every one under it.
     *
     * @param field the argument that named it, for the error when there are no results
     */
    public static TidyTables read(Path dir, String field) {
        return read(dir, field, PER_RUN);
    }

    /**
     * As {@link #read}, but the {@value #POINTS} and {@value #CYCLES} tables only: no requests.jsonl, power.csv or
     * engine_metrics.csv is read, so comparing J/output-token of two large runs does not hold their requests.
     */
    public static TidyTables readPoints(Path dir, String field) {
        return read(dir, field, Set.of());
    }

    private static TidyTables read(Path dir, String field, Set<String> perRun) {
        return ResultsDir.at(dir).map(d -> of(d, perRun))
                .orElseGet(() -> of(dir, ResultsDir.under(dir, field), perRun));
    }

    /** One results directory, named by its own directory name. */
    public static TidyTables of(ResultsDir dir) {
        return of(dir, PER_RUN);
    }

    private static TidyTables of(ResultsDir dir, Set<String> perRun) {
        Path parent = dir.path().toAbsolutePath().normalize().getParent();
        return of(parent == null ? dir.path() : parent, List.of(dir), perRun);
    }

    /** These results directories, each named by its path relative to {@code root}; none gives empty tables. */
    public static TidyTables of(Path root, List<ResultsDir> dirs) {
        return of(root, dirs, PER_RUN);
    }

    /** @param perRun which of {@link #PER_RUN} to build from each run's own files */
    private static TidyTables of(Path root, List<ResultsDir> dirs, Set<String> perRun) {
        List<Run> runs = new ArrayList<>();
        for (ResultsDir dir : dirs) {
            String rel = root.toAbsolutePath().normalize().relativize(dir.path().toAbsolutePath().normalize())
                    .toString().replace('\\', '/');
            runs.addAll(Runs.of(dir, rel.isEmpty() ? "." : rel));
        }
        SweptKeys swept = SweptKeys.of(runs);
        Table cycles = CyclesTable.of(runs, swept);
        List<Table> tables = new ArrayList<>(List.of(PointsTable.of(cycles, swept), cycles));
        if (perRun.contains(REQUESTS)) {
            tables.add(RequestsTable.of(runs));
        }
        if (perRun.contains(SAMPLES) || perRun.contains(GAUGES)) {
            tables.addAll(SamplesTable.of(runs).stream().filter(t -> perRun.contains(t.name())).toList());
        }
        if (perRun.contains(ENGINE_METRICS)) {
            tables.add(EngineMetricsTable.of(runs));
        }
        return new TidyTables(tables, List.copyOf(swept.columns().keySet()));
    }

    /** @throws IllegalArgumentException naming the tables there are */
    public Table table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no table " + name + "; tables: " + names()));
    }

    public List<String> names() {
        return tables.stream().map(Table::name).toList();
    }
}
