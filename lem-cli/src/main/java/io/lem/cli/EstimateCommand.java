package io.lem.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.lem.analysis.estimate.HardwareSpec;
import io.lem.analysis.estimate.HardwareTable;
import io.lem.analysis.estimate.ModelShape;
import io.lem.analysis.estimate.Prediction;
import io.lem.analysis.estimate.Roofline;
import io.lem.config.ConfigException;
import io.lem.config.ExperimentConfig;
import io.lem.plan.PlanOptions;
import io.lem.plan.Point;
import io.lem.plan.StudyPlan;
import io.lem.plan.StudyPlanner;
import io.lem.result.AtomicFiles;
import io.lem.result.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lem estimate STUDY.yaml}: predicts each point's J/output-token before anything runs. */
@Command(name = "estimate", mixinStandardHelpOptions = true, description = {
        "Predicts each point's J/output-token before measuring (a prediction, not a measurement).",
        "",
        "Roofline rule: time = max(FLOPs / peak FLOP/s, bytes / memory bandwidth), energy = power x time, with the "
                + "device's figures from lem's hardware table (datasheets cited per row). Prints a table and writes "
                + "estimate.json with every assumption."})
public final class EstimateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY.yaml", description = "Study file (a sweep is expanded into points).")
    Path studyFile;

    @Option(names = "--hardware", required = true, paramLabel = "NAME",
            description = "Device from lem's table: H100-SXM, H200, A100-SXM-80GB, L4, 'AMD EPYC 9654'.")
    String hardware;

    @Option(names = "--power-limit", paramLabel = "W", description = "Use this power instead of the device's TDP.")
    Double powerLimitW;

    @Option(names = "--cpus", paramLabel = "N", description = "For a CPU row: the VM's vCPUs (a share of the socket).")
    Integer cpus;

    @Option(names = "--model-config", paramLabel = "FILE",
            description = "A GGUF file or HF config.json for the model (default: the study's engine.model or preset).")
    Path modelConfig;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the JSON (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("estimate.json");

    @Override
    public Integer call() throws Exception {
        StudyPlan plan = StudyPlanner.plan(studyFile, PlanOptions.defaults());
        HardwareSpec hw = device();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "PREDICTION (not a measurement) for study %s on %s: %.1f W, %.0f GB/s, %.1f TFLOP/s%n",
                plan.studyName(), hw.name(), hw.powerW(), hw.memoryBandwidthBytesPerS() / 1e9, hw.peakFlopsPerS() / 1e12);
        o.printf(Locale.ROOT, "%-5s %-9s %-36s %6s %6s %5s %12s %7s %16s %14s%n", "point", "hash", "label", "P", "G", "b",
                "FLOP/out-tok", "bound", "pred J/out-tok", "pred tok/s");
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> assumptions = List.of();
        for (Point point : plan.points()) {
            ExperimentConfig c = point.config();
            ModelShape model = ModelShapes.of(c.engine(), modelConfig);
            int batch = batch(c);
            Prediction p = Roofline.predict(model, c.workload().inputTokens(), c.workload().maxOutputTokens(), batch, hw);
            long g = c.workload().maxOutputTokens();
            o.printf(Locale.ROOT, "%-5d %-9s %-36s %6d %6d %5d %12.4g %7s %16.4g %14.4g%n", point.index(), point.hash8(),
                    truncate(point.label(), 36), c.workload().inputTokens(), g, batch, p.flops().flopsPerToken(g),
                    p.decodeBound(), p.jPerOutputToken(), p.outputTokensPerS());
            rows.add(row(point, model, batch, c, p));
            assumptions = p.assumptions();
        }
        for (var skipped : plan.skipped()) {
            o.println("skipped " + skipped.origin() + ": " + skipped.reason());
        }
        o.println("Assumptions (of the last point; every point's are in " + out + "):");
        assumptions.forEach(a -> o.println("  - " + a));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "prediction");
        doc.put("note", "predicted before measurement by the roofline rule; not a measurement");
        doc.put("study_name", plan.studyName());
        doc.put("study_design_hash", plan.studyDesignHash());
        doc.put("hardware", Map.of("name", hw.name(), "kind", hw.kind(), "power_w", hw.powerW(),
                "memory_bandwidth_bytes_per_s", hw.memoryBandwidthBytesPerS(), "peak_flops_per_s", hw.peakFlopsPerS(),
                "compute_precision", hw.computePrecision(), "source", hw.source()));
        doc.put("points", rows);
        AtomicFiles.write(out, (Json.pretty().writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8));
        o.println("wrote " + out);
        o.flush();
        return 0;
    }

    /** lem run's prediction of a measured point: the same rule, the model from the point's engine keys. */
    static Prediction predict(Point point, HardwareSpec hw) throws java.io.IOException {
        ExperimentConfig c = point.config();
        return Roofline.predict(ModelShapes.of(c.engine(), null), c.workload().inputTokens(),
                c.workload().maxOutputTokens(), batch(c), hw);
    }

    private static int batch(ExperimentConfig c) {
        return Math.max(1, Math.min(c.workload().concurrency(), c.engine().parallel()));
    }

    private HardwareSpec device() {
        HardwareTable table = HardwareTable.bundled();
        HardwareSpec row = table.require("--hardware", hardware);
        HardwareSpec hw = row;
        if (cpus != null) {
            if (!hw.kind().equals("cpu")) {
                throw new ConfigException("--cpus", "applies to a CPU row, not " + hw.name() + "; fix: drop --cpus");
            }
            int threads = table.threadsPerSocket(row).orElseThrow(() -> new ConfigException("--cpus", row.name()
                    + " has no thread count in lem's CPU table; fix: drop --cpus"));
            if (cpus < 1 || cpus > threads) {
                throw new ConfigException("--cpus", "expected 1.." + threads + ", got " + cpus);
            }
            hw = hw.share((double) cpus / threads, cpus + " of " + threads + " threads");
        }
        if (powerLimitW != null) {
            if (!(powerLimitW > 0)) {
                throw new ConfigException("--power-limit", "expected watts > 0, got " + powerLimitW);
            }
            hw = hw.withPowerW(powerLimitW);
        }
        return hw;
    }

    private static Map<String, Object> row(Point point, ModelShape model, int batch, ExperimentConfig c, Prediction p) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("point", point.index());
        r.put("hash", point.hash());
        r.put("label", point.label());
        r.put("model_source", model.architecture().source());
        r.put("prompt_tokens", c.workload().inputTokens());
        r.put("output_tokens", c.workload().maxOutputTokens());
        r.put("batch", batch);
        r.put("weight_bytes", model.weightBytes());
        r.put("kv_bytes_per_token", model.kvBytesPerToken());
        r.put("flops_prefill", p.flops().prefillFlops());
        r.put("flops_decode", p.flops().decodeFlops());
        r.put("flops_total", p.flops().totalFlops());
        r.put("flops_method", p.flops().tier().id());
        r.put("flops_confidence", p.flops().confidence().id());
        r.put("flops_per_output_token", p.flops().flopsPerToken(c.workload().maxOutputTokens()));
        r.put("decode_bound", p.decodeBound());
        r.put("decode_step_s", p.decodeStepS());
        r.put("prefill_s", p.prefillS());
        r.put("predicted_joules_per_output_token", p.jPerOutputToken());
        r.put("predicted_output_tokens_per_second", p.outputTokensPerS());
        r.put("assumptions", p.assumptions());
        return r;
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
