package io.lem.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.lem.analysis.estimate.HardwareSpec;
import io.lem.analysis.estimate.HardwareTable;
import io.lem.analysis.estimate.Prediction;
import io.lem.plan.Point;
import io.lem.result.JsonFiles;
import tools.jackson.databind.JsonNode;

/**
 * Predicted beside measured ({@code lem estimate}'s roofline prediction, {@link io.lem.analysis.estimate.Roofline}):
 * how to predict a point, and on which hardware row: the one {@code --hardware} names, else one matched from the
 * first measured cycle's environment (an NVML GPU name such as "NVIDIA H100 80GB HBM3" carries the row's model,
 * H100; a CPU model string contains the row's name), at the GPU's power limit from environment.gpus when it has one.
 *
 * @param predictor how a point's model turns into a prediction (the CLI resolves model shapes from GGUF metadata,
 *                  presets or a config.json, which core cannot read)
 * @param hardware  {@code --hardware}; null to match from the environment
 */
public record PointPredictions(Predictor predictor, String hardware, HardwareTable table) {

    /** Predicts one point on one device; throws when the point's model cannot be resolved. */
    @FunctionalInterface
    public interface Predictor {
        Prediction predict(Point point, HardwareSpec hardware) throws Exception;
    }

    public PointPredictions(Predictor predictor, String hardware) {
        this(predictor, hardware, HardwareTable.bundled());
    }

    /** The device and how it was chosen, or empty when neither --hardware nor the environment names a row. */
    Optional<Chosen> hardware(JsonNode environment) {
        if (hardware != null) {
            return Optional.of(new Chosen(table.require("--hardware", hardware), "--hardware " + hardware));
        }
        for (JsonNode gpu : environment.path("gpus")) {
            String name = JsonFiles.string(gpu, "name");
            Optional<HardwareSpec> row = gpuRow(name);
            if (row.isPresent()) {
                Double limit = JsonFiles.number(gpu, "power_limit_w");
                HardwareSpec hw = limit != null && limit > 0 ? row.get().withPowerW(limit) : row.get();
                return Optional.of(new Chosen(hw, "matched from environment.gpus name '" + name + "'"
                        + (limit != null && limit > 0 ? " at its power limit " + limit + " W" : "")));
            }
        }
        String cpu = JsonFiles.string(environment, "cpu_model");
        return table.rows().stream().filter(r -> r.kind().equals("cpu") && cpu != null
                && cpu.toLowerCase(Locale.ROOT).contains(r.name().toLowerCase(Locale.ROOT))).findFirst()
                .map(r -> new Chosen(r, "matched from environment.cpu_model '" + cpu + "'"));
    }

    /** A GPU row whose model (its name before the first '-') is a word of the NVML name. */
    private Optional<HardwareSpec> gpuRow(String nvmlName) {
        if (nvmlName == null) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>(Arrays.asList(nvmlName.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")));
        return table.rows().stream().filter(r -> r.kind().equals("gpu")
                && words.contains(r.name().toLowerCase(Locale.ROOT).split("-")[0])).findFirst();
    }

    /** @param how how the row was chosen, said in study.json */
    record Chosen(HardwareSpec spec, String how) {
    }
}
