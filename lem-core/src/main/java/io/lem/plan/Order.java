package io.lem.plan;

import java.util.Arrays;
import java.util.List;

/**
 * {@code execution.order}: how the (point, cycle) runs of a study are laid out in time. The five orders are
 * LLenergyMeasure's ({@code config/cycle_ordering.py}); which one is right depends on what drifts: interleaving
 * spreads slow drift (temperature, background load) over every point instead of confounding it with one.
 */
public enum Order {
    /** All cycles of point 1, then all of point 2, and so on. */
    SEQUENTIAL("sequential"),
    /** Cycle 1 of every point, then cycle 2 of every point, and so on. */
    INTERLEAVE("interleave"),
    /** Every cycle a fresh seeded permutation of the points. */
    SHUFFLE("shuffle"),
    /** As interleave, with every second cycle backwards, so each point's mean position is the same. */
    REVERSE("reverse"),
    /** Cycles follow the rows of a Williams design: each point follows each other point equally often. */
    LATIN_SQUARE("latin_square");

    private final String yamlName;

    Order(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(Order::yamlName).toList();
    }

    public static Order of(String yamlName) {
        return Arrays.stream(values()).filter(o -> o.yamlName.equals(yamlName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no order " + yamlName));
    }
}
