package io.lem.study;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.lem.analysis.stats.PointSummary;

/**
 * What {@link StudyAnalysis} may keep between the rewrites of study.json during one call: a finished run's
 * result.json never changes, so each is read once, and a point's bootstrap summaries are recomputed only when its
 * set of measured cycles changed. Without it every run would re-read and re-bootstrap the whole study.
 */
class AnalysisCache {

    private final Map<Path, CycleFigures> figures = new HashMap<>();
    private final Map<Integer, Map.Entry<List<Path>, Map<String, PointSummary>>> summaries = new HashMap<>();

    /** A cache that keeps nothing: every call reads and computes afresh. */
    static AnalysisCache none() {
        return new AnalysisCache() {
            @Override
            CycleFigures figures(Path resultJson) {
                return CycleFigures.read(resultJson);
            }

            @Override
            Map<String, PointSummary> summaries(int point, List<Path> files,
                                                Supplier<Map<String, PointSummary>> compute) {
                return compute.get();
            }
        };
    }

    CycleFigures figures(Path resultJson) {
        return figures.computeIfAbsent(resultJson, CycleFigures::read);
    }

    Map<String, PointSummary> summaries(int point, List<Path> files, Supplier<Map<String, PointSummary>> compute) {
        Map.Entry<List<Path>, Map<String, PointSummary>> cached = summaries.get(point);
        if (cached != null && cached.getKey().equals(files)) {
            return cached.getValue();
        }
        Map<String, PointSummary> computed = compute.get();
        summaries.put(point, Map.entry(List.copyOf(files), computed));
        return computed;
    }
}
