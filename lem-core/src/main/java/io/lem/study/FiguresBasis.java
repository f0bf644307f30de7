package io.lem.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a point's FLOPs and carbon figures rest on, so that a mean is never read without its footing: the FLOPs tier
 * ({@code architecture}, or {@code parameter_count}, an estimate from 2·N per token) and its confidence, and the
 * carbon intensity's source and label. Over several cycles, a value that differs between them lists each distinct
 * one, comma-separated, in cycle order; null where no cycle has it.
 */
public record FiguresBasis(String flopsMethod, String flopsConfidence, String intensitySource,
                           String intensityLabel) {

    /** Said wherever these figures appear: neither FLOPs nor carbon is measured. */
    public static final String NOTE = "estimates: FLOPs from the model's shape or parameter count (docs/methodology.md "
            + "\"FLOPs\"), carbon from measured energy times the grid intensity";

    /** The basis over a point's measured cycles. */
    static FiguresBasis over(List<FiguresBasis> cycles) {
        return new FiguresBasis(distinct(cycles, FiguresBasis::flopsMethod),
                distinct(cycles, FiguresBasis::flopsConfidence), distinct(cycles, FiguresBasis::intensitySource),
                distinct(cycles, FiguresBasis::intensityLabel));
    }

    /** study.json's {@code points[].figures_basis}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("flops_method", flopsMethod);
        json.put("flops_confidence", flopsConfidence);
        json.put("carbon_intensity_source", intensitySource);
        json.put("carbon_intensity_label", intensityLabel);
        json.put("note", NOTE);
        return json;
    }

    private static String distinct(List<FiguresBasis> cycles, Function<FiguresBasis, String> field) {
        List<String> values = cycles.stream().map(field).filter(Objects::nonNull).distinct().toList();
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
