package io.lem.meter.prometheus;

import java.util.List;

/** A scrape as far as it could be read: its families and what was noted or skipped on the way. */
public record Exposition(List<MetricFamily> families, List<LineIssue> issues) {

    public Exposition {
        families = List.copyOf(families);
        issues = List.copyOf(issues);
    }

    /** The issues of lines that were skipped. */
    public List<LineIssue> skipped() {
        return issues.stream().filter(LineIssue::skipped).toList();
    }
}
