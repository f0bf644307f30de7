package io.lem.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.analysis.stats.AnovaOutcome;
import io.lem.analysis.stats.BootstrapOptions;
import io.lem.analysis.stats.FactorRanking;
import io.lem.analysis.stats.FactorialAnova;
import io.lem.analysis.stats.Observation;
import io.lem.analysis.stats.ParetoFront;
import io.lem.analysis.stats.PhaseSplit;
import io.lem.analysis.stats.PointSummary;
import io.lem.analysis.stats.SelectionPoint;
import io.lem.analysis.stats.SingularDesignException;
import io.lem.analysis.stats.Slo;
import io.lem.analysis.stats.SloSelection;
import io.lem.plan.AdaptiveRule;
import io.lem.plan.Point;
import io.lem.plan.Repetitions;
import io.lem.plan.StudyPlan;
import io.lem.result.ResultFields;
import io.lem.result.ResultJson;

/**
 * A study's statistics, recomputed from the result.json of every measured (point, cycle) run
 * (docs/methodology.md "Studies"): per point the mean and CI of each headline metric
 * ({@link PointSummary}); the sweep's factors ranked by η² of J/output-token over the cycles ({@link FactorRanking})
 * and a two-way ANOVA where the design is balanced ({@link FactorialAnova}); the energy/latency and
 * energy/throughput Pareto fronts; the lowest-J/token point meeting an SLO; and the inference energy protocol's prefill/decode split
 * (E_active ≈ α·T_prefill + β·T_gen, {@link PhaseSplit}) when prompt and output lengths vary independently.
 *
 * @param factors    null without sweep factors or measured cycles
 * @param anova      null without two or more factors
 * @param slo        null without {@code --slo}
 * @param phaseSplit null when the points do not identify it; {@code phaseSplitNote} then says why
 */
public record StudyAnalysis(List<PointResult> points, FactorRanking factors, AnovaOutcome anova,
                            ParetoFront energyLatency, ParetoFront energyThroughput, SloSelection slo,
                            PhaseSplit phaseSplit, String phaseSplitNote) {

    /** The latency the energy/latency front trades against: the median end-to-end latency. */
    public static final String LATENCY_METRIC = "e2e_p50_ms";
    private static final String JPT = ResultFields.JOULES_PER_OUTPUT_TOKEN;

    public StudyAnalysis {
        points = List.copyOf(points);
    }

    /** @param runs the manifest's runs; only the measured ones are read */
    public static StudyAnalysis of(StudyPlan plan, Path studyDir, List<StudyManifest.RunEntry> runs, Slo slo,
                                   BootstrapOptions bootstrap) {
        return of(plan, studyDir, runs, slo, bootstrap, null, AnalysisCache.none());
    }

    /** @param predictions null for no predicted-beside-measured */
    static StudyAnalysis of(StudyPlan plan, Path studyDir, List<StudyManifest.RunEntry> runs, Slo slo,
                            BootstrapOptions bootstrap, PointPredictions predictions, AnalysisCache cache) {
        List<PointResult> results = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        List<PhaseSplit.Observation> phase = new ArrayList<>();
        List<SelectionPoint> selection = new ArrayList<>();
        AdaptiveRule rule = plan.execution().repetitions() instanceof Repetitions.Adaptive a
                ? new AdaptiveRule(a, meanInterval(bootstrap)) : null;
        for (Point point : plan.points()) {
            List<RunStatus> statuses = new ArrayList<>();
            List<CycleFigures> cycles = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            String pointDir = null;
            for (StudyManifest.RunEntry run : runs.stream().filter(r -> r.point() == point.index())
                    .sorted(java.util.Comparator.comparingInt(StudyManifest.RunEntry::cycle)).toList()) {
                statuses.add(run.status());
                pointDir = Path.of(run.dir()).getName(0).toString();
                Path result = studyDir.resolve(run.dir()).resolve(ResultJson.FILE);
                if (run.status().measured() && Files.isRegularFile(result)) {
                    cycles.add(cache.figures(result));
                    files.add(result);
                }
            }
            Map<String, PointSummary> metrics = cache.summaries(point.index(), files, () -> {
                Map<String, PointSummary> computed = new LinkedHashMap<>();
                for (String metric : cycles.isEmpty() ? List.<String>of() : CycleFigures.HEADLINE.keySet()) {
                    computed.put(metric, PointSummary.of(cycles.stream().mapToDouble(c -> c.headline().get(metric))
                            .toArray(), bootstrap));
                }
                return computed;
            });
            AdaptiveRule.Status precision = rule == null ? null : rule.decide(List.of(finite(cycles.stream()
                    .mapToDouble(c -> c.headline().get(JPT)).toArray()))).points().getFirst().status();
            int batchLimit = PointValidity.batchLimit(point.config());
            PointValidity validity = new PointValidity(batchLimit, files.stream()
                    .map(f -> CycleValidity.check(f, batchLimit)).toList());
            PredictedVsMeasured predicted = predictions == null || files.isEmpty() ? null
                    : predict(predictions, point, files.getFirst(), metrics.get(JPT), validity);
            results.add(new PointResult(point, pointDir, statuses, metrics, precision, validity, predicted,
                    FiguresBasis.over(cycles.stream().map(CycleFigures::basis).toList())));
            Map<String, String> levels = levels(point, plan.factors());
            for (CycleFigures c : cycles) {
                double jpt = c.headline().get(JPT);
                if (Double.isFinite(jpt) && levels.size() == plan.factors().size()) {
                    observations.add(new Observation(levels, jpt));
                }
                if (Double.isFinite(c.activeEnergyJ())) {
                    phase.add(new PhaseSplit.Observation(c.activeEnergyJ(), c.inputTokens(), c.outputTokens()));
                }
            }
            if (!cycles.isEmpty()) {
                selection.add(selectionPoint(point, metrics, cycles));
            }
        }
        FactorRanking ranking = plan.factors().isEmpty() || observations.isEmpty() ? null
                : FactorRanking.of(observations, plan.factors());
        AnovaOutcome anova = plan.factors().size() < 2 || observations.isEmpty() ? null
                : FactorialAnova.of(observations, plan.factors());
        PhaseSplit split = null;
        String note;
        if (phase.size() < 3) {
            note = "needs at least 3 measured cycles with active energy, got " + phase.size();
        } else {
            try {
                split = PhaseSplit.fit(phase, false);
                note = null;
            } catch (SingularDesignException e) {
                note = "not identifiable: " + e.getMessage() + "; vary workload.input_tokens and "
                        + "workload.max_output_tokens independently (lem run --print-example phase-split)";
            }
        }
        return new StudyAnalysis(results, ranking, anova, ParetoFront.energyLatency(selection, LATENCY_METRIC),
                ParetoFront.energyThroughput(selection), slo == null ? null : SloSelection.of(selection, slo), split,
                note);
    }

    /** Each factor's level at this point: the declared value of an axis, or a group's declared keys together. */
    private static Map<String, String> levels(Point point, List<String> factors) {
        Map<String, String> levels = new LinkedHashMap<>();
        for (String factor : factors) {
            Object value = point.declared().get(factor);
            if (value != null) {
                levels.put(factor, String.valueOf(value));
                continue;
            }
            StringBuilder group = new StringBuilder();
            point.declared().forEach((k, v) -> {
                if (!factors.contains(k)) {
                    group.append(group.isEmpty() ? "" : " ").append(k).append('=').append(v);
                }
            });
            if (!group.isEmpty() || point.origin().startsWith("sweep")) {
                levels.put(factor, group.isEmpty() ? "{}" : group.toString());
            }
        }
        return levels;
    }

    /** The point as selection sees it: headline means, and each latency figure's mean over the cycles. */
    private static SelectionPoint selectionPoint(Point point, Map<String, PointSummary> metrics,
                                                 List<CycleFigures> cycles) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put(SelectionPoint.JOULES_PER_OUTPUT_TOKEN, metrics.get(JPT).mean());
        figures.put(SelectionPoint.TOKENS_PER_SECOND, metrics.get(ResultFields.TOKENS_PER_SECOND).mean());
        for (String metric : cycles.getFirst().latencyMs().keySet()) {
            figures.put(metric, cycles.stream().mapToDouble(c -> c.latencyMs().get(metric)).filter(Double::isFinite)
                    .average().orElse(Double.NaN));
        }
        return new SelectionPoint(point.hash8(), figures);
    }

    private static PredictedVsMeasured predict(PointPredictions predictions, Point point, Path firstResult,
                                               PointSummary jpt, PointValidity validity) {
        var chosen = predictions.hardware(io.lem.result.JsonFiles.readObject(firstResult).path("environment"));
        if (chosen.isEmpty()) {
            return PredictedVsMeasured.none("no hardware row: neither --hardware nor environment.gpus / cpu_model "
                    + "names a device of lem's table");
        }
        io.lem.analysis.estimate.Prediction prediction;
        try {
            prediction = predictions.predictor().predict(point, chosen.get().spec());
        } catch (Exception e) {
            // the point's model could not be resolved (no GGUF, no config.json): said in study.json, not fatal
            return PredictedVsMeasured.none("not predictable: " + e.getMessage());
        }
        boolean gpu = chosen.get().spec().kind().equals("gpu");
        Double measured = gpu ? validity.gpuJPerOutputToken()
                : jpt == null || !Double.isFinite(jpt.mean()) ? null : jpt.mean();
        return new PredictedVsMeasured(chosen.get().spec().name(), chosen.get().how(), prediction,
                gpu ? "GPU-only J/output-token of the engine's GPUs (validity.energy_scope)"
                        : "joules_per_output_token (mean over cycles)", measured, null);
    }

    private static double[] finite(double[] values) {
        return java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
    }

    /** The interval study.json reports ({@link io.lem.analysis.stats.MeanInterval}), for the adaptive rule. */
    private static io.lem.plan.ConfidenceInterval meanInterval(BootstrapOptions options) {
        return (values, level) -> {
            io.lem.analysis.stats.ConfidenceInterval ci =
                    io.lem.analysis.stats.MeanInterval.of(values, options.withLevel(level));
            return new io.lem.plan.ConfidenceInterval.Interval(ci.lower(), ci.upper());
        };
    }
}
