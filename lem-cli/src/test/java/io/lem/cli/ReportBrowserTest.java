package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import io.lem.llamacpp.gguf.TensorType;
import io.lem.llamacpp.synth.ModelPreset;
import io.lem.llamacpp.synth.SyntheticModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10's checks of {@code lem report} on a real small study (tiny synthetic model, 2 points x 2 cycles): lem run
 * ends by writing the report, a report regenerated from disk has the same bytes, and the page opens in Debian's
 * headless Chromium with no console error and every chart holding its data points.
 */
class ReportBrowserTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path tmp;
    static Path studyDir;
    static Path html;

    @BeforeAll
    static void runASmallStudy() throws IOException {
        Path model = SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 1, tmp.resolve("tiny.gguf"));
        Path file = Files.writeString(tmp.resolve("report-e2e.yaml"), """
                study_name: report-e2e
                engine: {model: %s, threads: 1, ctx: 256}
                workload: {requests: 4, input_tokens: 16, max_output_tokens: 8, concurrency: 2}
                measurement: {sample_rate_hz: 20}
                sweep:
                  engine.parallel: [1, 2]
                execution: {cycles: 2}
                """.formatted(model));
        RunCommandTest.Run run = RunCommandTest.lem("run", file.toString(), "--results", tmp.resolve("r").toString(),
                "--set", "measurement.baseline_s=1", "--set", "measurement.warmup_requests=1",
                "--slo", "ttft_p50:60000");
        assertThat(run.code()).as(run.err()).isZero();
        try (Stream<Path> dirs = Files.list(tmp.resolve("r"))) {
            studyDir = dirs.findFirst().orElseThrow();
        }
        html = studyDir.resolve("report.html");
        assertThat(run.out()).contains("report: " + html);
        assertThat(html).isRegularFile();
    }

    @Test
    void aReportRegeneratedFromDiskEqualsTheOneWrittenAtTheEndOfTheRun() throws IOException {
        Path again = tmp.resolve("regenerated");
        RunCommandTest.Run report = RunCommandTest.lem("report", studyDir.toString(), "--out", again.toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(report.out().strip()).isEqualTo(again.resolve("report.html").toString());
        assertThat(Files.mismatch(html, again.resolve("report.html"))).as("first differing byte").isEqualTo(-1L);
        List<Path> figures;
        try (Stream<Path> files = Files.list(studyDir.resolve("figures"))) {
            figures = files.sorted().toList();
        }
        assertThat(figures).hasSizeGreaterThanOrEqualTo(2 * 9);
        for (Path f : figures) {
            assertThat(Files.mismatch(f, again.resolve("figures").resolve(f.getFileName().toString())))
                    .as(f.getFileName() + ": first differing byte").isEqualTo(-1L);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReportOpensInChromiumWithoutErrorsAndEveryChartHasItsPoints() throws IOException {
        boolean browser = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
        if (!browser) {
            System.err.println("ReportBrowserTest skipped: no " + CHROMIUM + " or " + CHROMEDRIVER
                    + "; install them with: apt-get install -y chromium chromium-driver");
        }
        Assumptions.assumeTrue(browser, "needs Debian's chromium and chromium-driver: apt-get install -y chromium "
                + "chromium-driver");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,2000",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(html.toUri().toString());
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> ((JavascriptExecutor) d)
                    .executeScript("return window.lemCharts && Object.keys(window.lemCharts).length > 0"));
            Map<String, List<Long>> seriesSizes = (Map<String, List<Long>>) driver.executeScript("""
                    var out = {};
                    Object.keys(window.lemCharts).forEach(function (k) {
                      out[k] = window.lemCharts[k].getOption().series.map(function (s) { return s.data.length; });
                    });
                    return out;""");
            Map<String, List<String>> seriesNames = (Map<String, List<String>>) driver.executeScript("""
                    var out = {};
                    Object.keys(window.lemCharts).forEach(function (k) {
                      out[k] = window.lemCharts[k].getOption().series.map(function (s) { return s.name; });
                    });
                    return out;""");
            long divs = (Long) driver.executeScript("return document.querySelectorAll('.lem-chart').length");

            assertThat(seriesSizes).hasSize((int) divs).containsKeys("power-1", "power-2", "power-1-cycle-2", "power-2-cycle-2", "jpt-vs-engine-parallel",
                    "pareto-latency", "pareto-throughput", "phases", "request-energy", "latency",
                    "main-effect-engine-parallel");
            seriesSizes.forEach((chart, sizes) -> assertThat(sizes).as(chart).isNotEmpty().allMatch(n -> n > 0));
            // against the raw files, counted here: 2 points on the Pareto scatter and the main effect's 2 levels
            assertThat(seriesSizes.get("pareto-latency").getFirst()).isEqualTo(2L);
            assertThat(seriesSizes.get("main-effect-engine-parallel")).containsExactly(2L);
            assertThat(seriesSizes.get("latency").get(seriesNames.get("latency").indexOf("TTFT")))
                    .isEqualTo(measuredOkRequests());
            assertThat(seriesSizes.get("power-1").getFirst()).isEqualTo(powerIntervals(cycleOfPoint1(1)));
            assertThat(seriesSizes.get("power-1-cycle-2").getFirst()).isEqualTo(powerIntervals(cycleOfPoint1(2)));

            // hover: the tooltip of the Pareto scatter's first point names the axis and its value
            String tip = (String) driver.executeScript("""
                    var c = window.lemCharts['pareto-latency'];
                    c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0});
                    return document.getElementById('chart-pareto-latency').innerText;""");
            assertThat(tip).contains("all points", "energy per output token (J/token): ");

            List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertThat(errors).as("console errors").isEmpty();

            // the whole page in one shot: headless Chromium captures the window only
            long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
            driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height, 16000)));
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Path artifact = Files.createDirectories(Path.of("target", "report-browser")).resolve("report.png");
            Files.write(artifact, png);
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(shot.getWidth()).isGreaterThanOrEqualTo(1000);
            assertThat(distinctColours(shot)).as("distinct colours in " + artifact.toAbsolutePath())
                    .isGreaterThan(50);
        } finally {
            driver.quit();
        }
    }

    private static Path cycleOfPoint1(int cycle) throws IOException {
        try (Stream<Path> dirs = Files.list(studyDir)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("001-")).findFirst().orElseThrow()
                    .resolve("cycle-" + cycle);
        }
    }

    /** Intervals between consecutive samples of power.csv's first column: one power value each. */
    private static long powerIntervals(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("power.csv"));
        long samples = lines.stream().skip(1).filter(l -> !l.split(",", -1)[1].isEmpty()).count();
        return samples - 1;
    }

    private static long measuredOkRequests() throws IOException {
        long n = 0;
        try (Stream<Path> files = Files.walk(studyDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("requests.jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode r = JSON.readTree(line);
                    n += !r.path("warmup").asBoolean() && r.path("status").asString().equals("ok") ? 1 : 0;
                }
            }
        }
        return n;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
