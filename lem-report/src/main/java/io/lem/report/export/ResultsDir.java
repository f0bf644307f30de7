package io.lem.report.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.lem.config.ConfigException;
import io.lem.result.ResultFormats;

/**
 * A directory lem wrote results into: a study ({@code lem run}: study.json), one experiment (result.json) or
 * {@code lem load}'s output (summary.json).
 */
public record ResultsDir(Path path, Kind kind) {

    public enum Kind { STUDY, EXPERIMENT, LOAD }

    /** What {@code dir} holds, if it is a results directory. */
    public static Optional<ResultsDir> at(Path dir) {
        if (Files.isRegularFile(ResultFormats.STUDY.in(dir))) {
            return Optional.of(new ResultsDir(dir, Kind.STUDY));
        }
        if (Files.isRegularFile(ResultFormats.RESULT.in(dir))) {
            return Optional.of(new ResultsDir(dir, Kind.EXPERIMENT));
        }
        if (Files.isRegularFile(ResultFormats.SUMMARY.in(dir))) {
            return Optional.of(new ResultsDir(dir, Kind.LOAD));
        }
        return Optional.empty();
    }

    /**
     * {@code dir} itself when it is a results directory, else every results directory under it, in path order;
     * nothing inside a results directory is searched again (a study's experiments belong to the study).
     *
     * @throws ConfigException when there is none, naming the directory and what was looked for
     */
    public static List<ResultsDir> under(Path root, String field) {
        if (!Files.isDirectory(root)) {
            throw new ConfigException(field, "'" + root + "' is not a directory; fix: give a directory lem run, lem"
                    + " load or a study wrote into");
        }
        List<ResultsDir> found = find(root);
        if (found.isEmpty()) {
            throw new ConfigException(field, "no results under '" + root + "' (no study.json, result.json or"
                    + " summary.json); fix: give a directory lem run, lem load or a study wrote into");
        }
        return found;
    }

    /** As {@link #under}, but an empty list when there is none (or {@code root} is not a directory). */
    public static List<ResultsDir> find(Path root) {
        List<ResultsDir> found = new ArrayList<>();
        if (Files.isDirectory(root)) {
            collect(root, found);
        }
        return found;
    }

    private static void collect(Path dir, List<ResultsDir> found) {
        Optional<ResultsDir> here = at(dir);
        if (here.isPresent()) {
            found.add(here.get());
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString))
                    .toList()) {
                collect(child, found);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
