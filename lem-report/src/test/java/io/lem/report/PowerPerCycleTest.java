package io.lem.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.lem.report.chart.ChartSpec;
import io.lem.report.chart.Charts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every cycle of every point gets its power-over-time chart and figures, not only the first: on the tiny-sweep
 * fixture (4 points x 2 cycles, real lem output), each chart's first series has one power value per interval of that
 * cycle's own power.csv, counted here from the file.
 */
class PowerPerCycleTest {

    @TempDir
    Path tmp;

    @Test
    void eachCycleHasItsOwnPowerChartDrawnFromItsOwnPowerCsv() throws IOException, URISyntaxException {
        Path study = Path.of(PowerPerCycleTest.class.getResource("/results/tiny-sweep").toURI());
        Map<String, Path> expected = new LinkedHashMap<>();
        try (Stream<Path> points = Files.list(study)) {
            for (Path point : points.filter(Files::isDirectory).sorted().toList()) {
                int index = Integer.parseInt(point.getFileName().toString().substring(0, 3));
                expected.put("power-" + index, point.resolve("cycle-1"));
                expected.put("power-" + index + "-cycle-2", point.resolve("cycle-2"));
            }
        }
        assertThat(expected).hasSize(8);

        Charts charts = Charts.of(ModelReader.read(study));
        Map<String, ChartSpec> power = new LinkedHashMap<>();
        charts.charts().stream().filter(c -> c.id().startsWith("power-")).forEach(c -> power.put(c.id(), c));
        assertThat(power.keySet()).containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, Path> e : expected.entrySet()) {
            ChartSpec c = power.get(e.getKey());
            assertThat(c.series().getFirst().size()).as(e.getKey()).isEqualTo(energyIntervals(e.getValue()));
            assertThat(c.title()).as(e.getKey()).endsWith((e.getKey().endsWith("cycle-2") ? "cycle-2" : "cycle-1") + " (estimated)");
        }

        ReportResult report = Reports.write(study, tmp.resolve("out"));
        String html = Files.readString(report.html());
        List<String> figures = report.figures().stream().map(p -> p.getFileName().toString()).toList();
        for (String id : expected.keySet()) {
            assertThat(html).contains("id=\"chart-" + id + "\"");
            assertThat(figures).contains(id + ".png", id + ".svg");
        }
    }

    /** Intervals between consecutive samples of power.csv's first energy column: one mean power each. */
    private static long energyIntervals(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("power.csv"));
        assertThat(lines.getFirst().split(",")[1]).endsWith("_energy_j");
        return lines.stream().skip(1).filter(l -> !l.split(",", -1)[1].isEmpty()).count() - 1;
    }
}
