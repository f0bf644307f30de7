package io.lem.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.analysis.stats.PointSummary;
import io.lem.config.ExperimentConfig;
import io.lem.plan.Point;
import io.lem.plan.Repetitions;
import io.lem.plan.StudyPlan;
import io.lem.result.StudyFile;

/** study.json's content from the plan, the runs and the analysis: what {@link StudyRunner} writes after each run. */
final class StudyFiles {

    private StudyFiles() {
    }

    static StudyFile of(StudyPlan plan, java.nio.file.Path studyDir, StudyAnalysis analysis,
                        List<StudyManifest.RunEntry> runs, String stopped, Map<Integer, Map<String, Object>> hardware,
                        List<Map<String, Object>> byHardwareGroup) {
        List<StudyFile.Experiment> experiments = new ArrayList<>();
        List<StudyFile.Point> points = new ArrayList<>();
        for (PointResult result : analysis.points()) {
            Point point = result.point();
            ExperimentConfig config = point.config();
            List<StudyManifest.RunEntry> own = runs.stream().filter(r -> r.point() == point.index()).toList();
            StudyManifest.RunEntry problem = own.stream().filter(r -> r.status().failure()).findFirst()
                    .or(() -> own.stream().filter(r -> r.status() == RunStatus.INTERRUPTED).findFirst()).orElse(null);
            StudyFile.Status status = problem != null ? (problem.status().failure() ? StudyFile.Status.FAILED
                    : StudyFile.Status.INTERRUPTED)
                    : !own.isEmpty() && own.stream().allMatch(r -> r.status().measured()) ? StudyFile.Status.DONE
                    : StudyFile.Status.PENDING;
            Map<String, Object> values = new LinkedHashMap<>(config.values());
            values.putAll(point.engineFlags());
            experiments.add(new StudyFile.Experiment(point.index(), config.slug(), point.hash(),
                    StudyLayout.pointDir(config), status, problem == null ? null : problem.error(),
                    problem == null ? null : FailureFile.readExit(studyDir.resolve(problem.dir())), values));
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (Map.Entry<String, PointSummary> m : result.metrics().entrySet()) {
                metrics.put(m.getKey(), m.getValue().toJson(CycleFigures.HEADLINE.get(m.getKey())));
            }
            points.add(new StudyFile.Point(point.index(), point.hash(), StudyLayout.pointDir(config),
                    new LinkedHashMap<>(point.declared()), result.cycles().stream().map(RunStatus::jsonName).toList(),
                    metrics, result.precision() == null ? null : result.precisionReached(), result.validity().publishable(),
                    result.validity().toJson(), result.predicted() == null ? null : result.predicted().toJson(),
                    result.basis().toJson(), hardware == null ? null : hardware.get(point.index())));
        }
        return new StudyFile(ResultDocument.SCHEMA_VERSION, plan.studyName(), experiments, plan.studyDesignHash(),
                points, analysisJson(plan, analysis, stopped, byHardwareGroup));
    }

    static Map<String, Object> analysisJson(StudyPlan plan, StudyAnalysis a, String stopped,
                                            List<Map<String, Object>> byHardwareGroup) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("metric", io.lem.result.ResultFields.JOULES_PER_OUTPUT_TOKEN);
        json.put("factors", a.factors() == null ? null : a.factors().toJson("j_per_output_token"));
        json.put("anova", a.anova() == null ? null : a.anova().toJson());
        json.put("pareto_energy_latency", a.energyLatency().toJson());
        json.put("pareto_energy_throughput", a.energyThroughput().toJson());
        json.put("slo", a.slo() == null ? null : a.slo().toJson());
        json.put("phase_split", a.phaseSplit() == null ? null : a.phaseSplit().toJson());
        json.put("phase_split_note", a.phaseSplitNote());
        if (plan.execution().repetitions() instanceof Repetitions.Adaptive adaptive) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("precision", adaptive.precision());
            rule.put("min_cycles", adaptive.minCycles());
            rule.put("max_cycles", adaptive.maxCycles());
            rule.put("reached", a.points().stream().filter(PointResult::precisionReached)
                    .map(p -> p.point().hash8()).toList());
            rule.put("not_reached", a.points().stream().filter(p -> !p.precisionReached())
                    .map(p -> p.point().hash8()).toList());
            json.put("adaptive", rule);
        } else {
            json.put("adaptive", null);
        }
        json.put("stopped", stopped);
        if (byHardwareGroup != null) {
            json.put("by_hardware_group", byHardwareGroup);
            json.put("hardware_note", "the points ran on " + byHardwareGroup.size() + " kinds of machine: compare "
                    + "them within by_hardware_group; the factors and fronts above span every kind");
        }
        return json;
    }
}
