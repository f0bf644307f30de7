package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.lem.meter.prometheus.MetricFamily;
import io.lem.meter.prometheus.PrometheusText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.lem.testkit.FakeRapl;

/** The three commands end to end: real files, real child processes, real HTTP on loopback, a fake RAPL tree. */
class PowerCommandTest {

    @TempDir
    Path dir;

    private FakeRapl rapl;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startRapl() throws Exception {
        rapl = new FakeRapl(dir);
    }

    @AfterEach
    void stopRapl() throws Exception {
        rapl.close();
    }

    private int lem(String... args) {
        return PowerMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void logWritesOneRowPerSampleAndSummarisesWhatItWrote() throws Exception {
        Path csv = dir.resolve("out/power.csv");
        int code = lem("log", "--set", "power.duration_s=0.7", "--set", "measurement.sample_rate_hz=20", "--output",
                csv.toString(), "--powercap-root", rapl.root.toString());

        assertThat(code).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).isEqualTo("t_s,cpu-package0_energy_j,cpu-host-estimate_energy_j");
        List<double[]> rows = lines.stream().skip(1).map(PowerCommandTest::numbers).toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(10).allSatisfy(r -> assertThat(r).hasSize(3));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i)[0]).isGreaterThan(rows.get(i - 1)[0]);
            assertThat(rows.get(i)[1]).isGreaterThanOrEqualTo(rows.get(i - 1)[1]);
        }
        // the summary is computed from the same samples the file holds
        double[] first = rows.getFirst();
        double[] last = rows.getLast();
        double meanW = (last[1] - first[1]) / (last[0] - first[0]);
        Matcher m = Pattern.compile("cpu-package0 ([0-9.]+) W \\(counter\\)").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(meanW, within(0.006));
        assertThat(out.toString()).contains(rows.size() + " samples to " + csv)
                .contains("with rapl, host-estimate")
                .contains("cpu-host-estimate").contains("(estimate)")
                .contains("Total cpu-package0:")
                .contains("Estimates: CPU estimate error vs RAPL");
    }

    @Test
    void sigtermEndsLogCleanlyWithEveryRowComplete() throws Exception {
        Path csv = dir.resolve("power.csv");
        Process lem = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), PowerMain.class.getName(), "log", "--sample-rate", "50",
                "--output", csv.toString(), "--meters", "host-estimate")
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((!Files.exists(csv) || Files.readAllLines(csv).size() < 5) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        lem.destroy(); // SIGTERM: the same shutdown path as Ctrl-C's SIGINT
        assertThat(lem.waitFor(30, TimeUnit.SECONDS)).isTrue();

        String printed = Files.readString(dir.resolve("out.txt"));
        assertThat(printed).as(Files.readString(dir.resolve("err.txt"))).contains("(stopped early)");
        String content = Files.readString(csv);
        assertThat(content).endsWith("\n");
        List<String> lines = content.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("t_s,cpu-host-estimate_energy_j");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(5).allSatisfy(l -> assertThat(l.split(",")).hasSize(2));
        Matcher m = Pattern.compile("Logged [0-9.]+ s, (\\d+) samples").matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(lines.size() - 1);
    }

    @Test
    void measureReportsTheCommandsEnergyAndExitsWithItsCode() {
        int code = lem("measure", "--baseline", "0.3", "--interval", "0.05", "--powercap-root", rapl.root.toString(),
                "--", "sh", "-c", "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; exit 5");

        assertThat(code).as(err.toString()).isEqualTo(5);
        String report = err.toString();
        assertThat(report).startsWith("lem power measure: note: --interval 0.05 is the old spelling of --sample-rate 20.0")
                .contains("Energy of 'sh -c i=0;").contains("exit 5")
                .containsPattern("cpu-package0 +[0-9.]+ +[0-9.]+ +[0-9.]+ +([0-9.]+|-) +counter")
                .containsPattern("cpu-host-estimate +[0-9.]+ .* estimate")
                .containsPattern("process:\\d+ +[0-9.]+ +[0-9.]+ +- +- +counter") // RAPL share: measured
                .containsPattern("total +[0-9.]+ +[0-9.]+ +[0-9.]+ +([0-9.]+|-) +cpu-package0\n")
                .contains("process tree (E_llm)")
                .contains("note: cpu-host-estimate not summed: a measured CPU domain exists");
        assertThat(out.toString()).isEmpty(); // stdout belongs to the command
        // the fake package draws a constant 7 W, so active energy is ~0 and its sign is the timing's: a negative one
        // is shown as "-" with the reason, never clamped to 0
        if (Pattern.compile("total +[0-9.]+ +[0-9.]+ +[0-9.]+ +- +cpu-package0").matcher(report).find()) {
            assertThat(report).contains("warning: baseline not valid for the command's window");
        }
    }

    private static double packageEnergy(Map<String, MetricFamily> scrape) {
        return scrape.get("lem_energy_joules_total").find("lem_energy_joules_total",
                Map.of("domain", "cpu-package0", "kind", "cpu_package", "method", "counter")).value();
    }

    @Test
    void serveExposesLiveReadingsToAPrometheusScraper() throws Exception {
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> lem("serve", "--port", "0",
                "--duration", "4", "--sample-rate", "20", "--powercap-root", rapl.root.toString()));
        URI uri = awaitUrl();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Map<String, MetricFamily> a = byName(PrometheusText.parse(first.body()));
        double samplesA = a.get("lem_samples_total").samples().getFirst().value();
        double energyA = packageEnergy(a);
        Map<String, MetricFamily> b = a;
        // the fake counter advances on its own thread: on a loaded machine give it a few samples' time
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while ((b.get("lem_samples_total").samples().getFirst().value() <= samplesA + 2 || packageEnergy(b) <= energyA)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            b = byName(PrometheusText.parse(http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString()).body()));
        }
        assertThat(b.get("lem_samples_total").samples().getFirst().value()).isGreaterThan(samplesA + 2);
        assertThat(packageEnergy(b)).isGreaterThan(energyA);
        assertThat(b.get("lem_power_watts").find("lem_power_watts", Map.of("domain", "cpu-package0")).value())
                .isPositive();
        assertThat(b.get("lem_estimated").find("lem_estimated", Map.of("domain", "cpu-host-estimate")).value())
                .isEqualTo(1);
        assertThat(b.get("lem_estimated").find("lem_estimated", Map.of("domain", "cpu-package0")).value()).isZero();
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);

        assertThat(serving.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("lem power serve: stopped");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "measure                                     | COMMAND: missing",
            "measure --baseline -1 -- true               | --baseline: -1.0 is out of range",
            "log --duration 1                            | --output: missing",
            "log --duration 0 --output x.csv             | --duration: 0.0 is out of range",
            "log --interval 0 --duration 1 --output x.csv| --interval: must be > 0 s",
            "log --sample-rate 5000 --output x.csv       | --sample-rate: 5000.0 is out of range",
            "log --set measurement.sample_rate_hz=0 --output x.csv| measurement.sample_rate_hz: 0 is out of range",
            "log --set workload.requests=3 --output x.csv| workload.requests: is not a setting of lem power",
            "serve --port 70000                          | --port: 70000 is out of range; fix: give an integer between 0 and 65535",
            "measure --meters nosuch -- true             | unknown meter 'nosuch'",
            "measure --meters auto,rapl -- true          | 'auto' cannot be combined"})
    void badUsageExitsWithTwoAndOneLine(String args, String message) {
        int code = lem(args.trim().split(" +"));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines().toList()).singleElement().asString().contains(message);
    }

    private URI awaitUrl() throws InterruptedException {
        Pattern url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/metrics)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = url.matcher(out.toString());
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("serve printed no URL; out: " + out + " err: " + err);
    }

    private static Map<String, MetricFamily> byName(List<MetricFamily> families) {
        return families.stream().collect(Collectors.toMap(MetricFamily::name, f -> f));
    }

    private static double[] numbers(String line) {
        List<Double> values = new ArrayList<>();
        for (String s : line.split(",")) {
            values.add(Double.parseDouble(s));
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
