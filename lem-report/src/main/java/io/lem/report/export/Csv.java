package io.lem.report.export;

import io.lem.result.EngineMetricsCsv;

/** RFC 4180 cells: quoted when they hold a comma, a quote or a line break, quotes doubled. */
public final class Csv {

    private Csv() {
    }

    public static String cell(String text) {
        return EngineMetricsCsv.cell(text); // the rule lem's own CSV writer quotes by
    }
}
