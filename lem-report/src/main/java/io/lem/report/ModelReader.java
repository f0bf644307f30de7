package io.lem.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.lem.report.model.PointRow;
import io.lem.report.model.ReportModel;
import io.lem.report.model.RunData;
import io.lem.result.ResultFormats;
import io.lem.result.StudyFile;

/**
 * Recognises a results directory (a study, one experiment, a lem load output) and reads it into a {@link ReportModel}
 * through lem-core's readers. Nothing comes from memory of a run, so an old directory reports as it did when new.
 */
final class ModelReader {

    private ModelReader() {
    }

    static ReportModel read(Path dir) {
        if (Files.isRegularFile(ResultFormats.STUDY.in(dir))) {
            return study(dir);
        }
        if (RunReader.isRun(dir)) {
            boolean load = !Files.isRegularFile(ResultFormats.RESULT.in(dir));
            RunData run = RunReader.read(dir, dir.getFileName().toString());
            PointRow row = PointRows.of(1, dir.getFileName().toString(), run.label(), Map.of(), List.of(run));
            List<String> notes = new ArrayList<>(run.notes());
            notes.add("one run: no confidence interval (a study with cycles gives one)");
            String title = load ? "lem load " + run.summary().run().model() : experimentTitle(run);
            return new ReportModel(load ? "load" : "experiment", title, Sections.summary(List.of(row)),
                    Sections.methodology(List.of(run)), List.of(row), List.of(), List.of(), null, notes);
        }
        throw new ReportException(dir + " is not a results directory: it has no study.json, result.json or "
                + "summary.json; fix: give a directory written by lem run or lem load (a study, one of its "
                + "experiments or cycles, or a load output)");
    }

    private static String experimentTitle(RunData run) {
        String study = run.result().studyName();
        return (study == null ? "" : study + ": ") + (run.result().experiment() == null ? run.label()
                : run.result().experiment().slug());
    }

    private static ReportModel study(Path dir) {
        StudyFile study = ResultFormats.STUDY.readIn(dir);
        List<String> notes = new ArrayList<>();
        List<PointRow> points = new ArrayList<>();
        if (!study.points().isEmpty()) {
            for (StudyFile.Point p : study.points()) {
                List<RunData> runs = runs(dir.resolve(p.dir()), PointRows.shortHash(p.hash()), notes);
                points.add(PointRows.of(p, runs));
            }
        } else {
            notes.add("study.json has no per-point statistics (written before studies had plans): J/output-token is "
                    + "the mean of the runs, without a CI; no validity checks");
            for (StudyFile.Experiment e : study.experiments()) {
                List<RunData> runs = runs(dir.resolve(e.dir()), e.slug(), notes);
                points.add(PointRows.of(e.index(), PointRows.shortHash(e.configHash()), e.slug(), Map.of(), runs));
            }
        }
        points.forEach(p -> p.runs().forEach(r -> notes.addAll(r.notes())));
        Analysis analysis = Analysis.of(study.analysis(), notes);
        List<RunData> all = points.stream().flatMap(p -> p.runs().stream()).toList();
        return new ReportModel("study", "study " + study.studyName(), Sections.summary(points),
                Sections.methodology(all), points, analysis.factors(), analysis.fronts(), analysis.slo(), notes);
    }

    /** A point's runs: its {@code cycle-N} directories in cycle order, or the point directory itself (one cycle). */
    private static List<RunData> runs(Path pointDir, String label, List<String> notes) {
        if (!Files.isDirectory(pointDir)) {
            notes.add(label + ": directory " + pointDir.getFileName() + " is missing");
            return List.of();
        }
        if (RunReader.isRun(pointDir)) {
            return List.of(RunReader.read(pointDir, label));
        }
        try (Stream<Path> children = Files.list(pointDir)) {
            List<Path> cycles = children.filter(c -> c.getFileName().toString().matches("cycle-\\d+"))
                    .filter(RunReader::isRun)
                    .sorted(Comparator.comparingInt(c -> Integer.parseInt(c.getFileName().toString().substring(6))))
                    .toList();
            if (cycles.isEmpty()) {
                notes.add(label + ": no measured run in " + pointDir.getFileName());
            }
            return cycles.stream().map(c -> RunReader.read(c, label + " " + c.getFileName())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
