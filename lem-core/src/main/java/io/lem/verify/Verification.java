package io.lem.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of recomputing one experiment's figures.
 *
 * @param largestRelativeDifference over the figures where both sides have a value; 0 when there are none
 */
public record Verification(boolean passed, int figuresChecked, double largestRelativeDifference, List<Check> checks) {

    public Verification {
        checks = List.copyOf(checks);
    }

    static Verification of(List<Check> checks) {
        boolean passed = checks.stream().allMatch(Check::passed);
        double largest = checks.stream().filter(c -> c.relDiff() != null).mapToDouble(Check::relDiff).max().orElse(0);
        return new Verification(passed, checks.size(), largest, checks);
    }

    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    /** The {@code verification} section of result.json (snake_case, nulls kept). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", passed);
        json.put("figures_checked", figuresChecked);
        json.put("largest_relative_difference", largestRelativeDifference);
        List<Map<String, Object>> failures = new ArrayList<>();
        for (Check c : failures()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("figure", c.figure());
            f.put("reported", c.reported());
            f.put("recomputed", c.recomputed());
            f.put("relative_difference", c.relDiff());
            f.put("tolerance", c.tolerance());
            f.put("note", c.note());
            failures.add(f);
        }
        json.put("failures", failures);
        return json;
    }
}
