package io.lem.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Reports#write} wrote.
 *
 * @param html    the self-contained report.html
 * @param figures every PNG and SVG under {@code figures/}, in chart order
 * @param notes   what the directory lacked (a chart left out, a section without data), one line each
 */
public record ReportResult(Path html, List<Path> figures, List<String> notes) {

    public ReportResult {
        figures = List.copyOf(figures);
        notes = List.copyOf(notes);
    }
}
