package io.lem.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code lem report} on a directory an older lem wrote (the fixture's README says what it lacks): the report is made,
 * its figures are computed from the files as a reader would compute them, and what is missing is noted, not drawn.
 */
class OlderDirectoryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path tmp;
    static Path study;

    @BeforeAll
    static void copyFixture() throws IOException, URISyntaxException {
        Path source = Path.of(OlderDirectoryTest.class.getResource("older-study").toURI());
        study = tmp.resolve("older-study");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = study.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }

    @Test
    void reportsAnOlderStudyAndNotesWhatItLacks() throws IOException {
        ReportResult result = Reports.write(study, tmp.resolve("out"));

        assertThat(result.html()).isRegularFile();
        assertThat(result.notes()).anyMatch(n -> n.contains("no per-point statistics"))
                .anyMatch(n -> n.contains("no request_energy.jsonl"))
                .anyMatch(n -> n.startsWith("prefill vs decode energy: left out"))
                .anyMatch(n -> n.startsWith("per-request energy distribution: left out"))
                .anyMatch(n -> n.startsWith("Pareto fronts: left out"))
                .anyMatch(n -> n.startsWith("no factor ranking"));
        String html = Files.readString(result.html());
        assertThat(html).contains("<h2>Not in this report</h2>", "no per-point statistics");
        // the two runs' power and the pooled latency are drawn; nothing empty is
        assertThat(result.figures()).extracting(p -> p.getFileName().toString())
                .contains("power-1.png", "power-1.svg", "power-2.png", "power-2.svg", "latency.png", "latency.svg")
                .noneMatch(n -> n.startsWith("phases") || n.startsWith("request-energy") || n.startsWith("pareto"));
        for (Path f : result.figures()) {
            if (f.toString().endsWith(".png")) {
                assertThat(ImageIO.read(f.toFile())).as(f.toString()).isNotNull();
            }
        }

        for (String dir : List.of("001-tiny-p1-c1-c8357b51", "002-tiny-p2-c2-bd20b710")) {
            JsonNode r = JSON.readTree(study.resolve(dir).resolve("result.json").toFile());
            // J/output token of a point without study statistics is its run's figure
            assertThat(html).contains(sig4(r.path("metrics").path("joules_per_output_token").asDouble()));
            assertThat(html).contains(sig4(medianTtftMs(study.resolve(dir).resolve("requests.jsonl"))));
        }
    }

    /** Same directory, two default locales, two output directories: the same bytes (no "now", no locale). */
    @Test
    void aRegeneratedReportIsByteIdenticalUnderAnotherLocale() throws IOException {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            ReportResult de = Reports.write(study, tmp.resolve("de"));
            Locale.setDefault(Locale.US);
            ReportResult us = Reports.write(study, tmp.resolve("us"));
            assertThat(Files.mismatch(de.html(), us.html())).as("first differing byte").isEqualTo(-1L);
            assertThat(de.figures()).hasSameSizeAs(us.figures());
            for (int i = 0; i < de.figures().size(); i++) {
                assertThat(Files.mismatch(de.figures().get(i), us.figures().get(i)))
                        .as(de.figures().get(i) + ": first differing byte").isEqualTo(-1L);
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void oneExperimentOfItReportsAsOneRun() throws IOException {
        ReportResult result = Reports.write(study.resolve("002-tiny-p2-c2-bd20b710"), tmp.resolve("one"));
        assertThat(result.notes()).anyMatch(n -> n.startsWith("one run: no confidence interval"))
                .anyMatch(n -> n.startsWith("J/output token against each swept parameter: left out"));
        assertThat(result.figures()).extracting(p -> p.getFileName().toString())
                .containsExactly("power-1.png", "power-1.svg", "latency.png", "latency.svg");
        assertThat(Files.readString(result.html())).contains("lem report: older: tiny-p2-c2", "(1 run)");
    }

    @Test
    void aDirectoryWithoutResultsIsRefusedNamingTheFix() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Reports.write(tmp, tmp.resolve("x")))
                .isInstanceOf(ReportException.class).hasMessageContaining("is not a results directory")
                .hasMessageContaining("fix: ");
    }

    /** The median TTFT of the measured OK rows, by hand from the raw JSON lines. */
    private static double medianTtftMs(Path requests) throws IOException {
        List<Double> ttft = new ArrayList<>();
        for (String line : Files.readAllLines(requests)) {
            JsonNode n = JSON.readTree(line);
            if (!n.path("warmup").asBoolean() && n.path("status").asString().equals("ok")) {
                ttft.add(n.path("ttft_ms").asDouble());
            }
        }
        ttft.sort(null);
        int k = ttft.size();
        return k % 2 == 1 ? ttft.get(k / 2) : (ttft.get(k / 2 - 1) + ttft.get(k / 2)) / 2;
    }

    private static String sig4(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
