package io.lem.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lem.report.chart.ChartSpec;
import io.lem.report.chart.Charts;
import io.lem.report.chart.Figures;
import io.lem.report.html.HtmlPage;
import io.lem.report.model.ReportModel;
import io.lem.result.AtomicFiles;
import io.lem.result.ResultFileException;

/**
 * {@code lem report}'s library entry point: from any results directory (a study, one experiment or cycle, a lem load
 * output) writes {@code report.html} and {@code figures/<chart>.png|svg} into an output directory. Everything is read
 * from the files through lem-core's readers.
 */
public final class Reports {

    public static final String HTML = "report.html";
    public static final String FIGURES = "figures";

    private Reports() {
    }

    /**
     * @throws ReportException naming the directory and the fix when it is not a results directory or a result file in
     *                         it cannot be read
     */
    public static ReportResult write(Path resultsDir, Path outDir) {
        if (!Files.isDirectory(resultsDir)) {
            throw new ReportException(resultsDir + " is not a directory; fix: give a directory written by lem run or "
                    + "lem load");
        }
        ReportModel model;
        try {
            model = ModelReader.read(resultsDir);
        } catch (ResultFileException e) {
            throw new ReportException("cannot report " + resultsDir + ": " + e.getMessage(), e);
        }
        Charts charts = Charts.of(model);
        List<String> notes = new ArrayList<>(model.notes());
        notes.addAll(charts.notes());
        try {
            Path figures = Files.createDirectories(outDir.resolve(FIGURES));
            List<Path> files = new ArrayList<>();
            for (ChartSpec c : charts.charts()) {
                files.addAll(Figures.write(c, figures));
            }
            Path html = outDir.resolve(HTML);
            AtomicFiles.write(html, HtmlPage.render(model, charts, notes).getBytes(StandardCharsets.UTF_8));
            return new ReportResult(html, files, notes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + outDir, e);
        }
    }
}
