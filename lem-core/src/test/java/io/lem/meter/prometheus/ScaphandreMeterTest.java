package io.lem.meter.prometheus;

import io.lem.analysis.WindowEnergy;
import io.lem.time.Clock;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterSelection;
import io.lem.meter.select.MeterSelector;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;
import io.lem.meter.Sampler;
import io.lem.meter.SysfsReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import io.lem.testkit.MetricsServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScaphandreMeterTest {

    private static final String DUMP = PrometheusTextTest.fixture("scaphandre_datadog_fixture_metrics.txt");
    private static final Pattern PROCESS_LINE =
            Pattern.compile("^(scaph_process_power_consumption_microwatts\\{[^}]*pid=\"(\\d+)\"[^}]*\\}) 0$");

    private MetricsServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MetricsServer(DUMP);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The real dump with the host power and some processes' power (µW) changed, extra processes appended. */
    static String dump(long hostUw, Map<Integer, Long> processUw, String extraLines) {
        StringBuilder out = new StringBuilder();
        for (String line : DUMP.split("\n", -1)) {
            Matcher m = PROCESS_LINE.matcher(line);
            if (line.equals("scaph_host_power_microwatts 30")) {
                line = "scaph_host_power_microwatts " + hostUw;
            } else if (m.matches() && processUw.containsKey(Integer.parseInt(m.group(2)))) {
                line = m.group(1) + " " + processUw.get(Integer.parseInt(m.group(2)));
            }
            out.append(line).append('\n');
        }
        return out + extraLines;
    }

    private ExporterEndpoint endpoint() throws MeterException {
        return new ExporterEndpoint(ExporterEndpoint.parseUrl("test", server.url()), Duration.ofMillis(100),
                Duration.ofSeconds(2));
    }

    private ScaphandreMeter open(Optional<ProcessSelector> selector) throws MeterException {
        return ScaphandreMeter.open(endpoint(), selector, Path.of("/proc"), SysfsReader.files(), Clock.system());
    }

    private static double[] read(ScaphandreMeter meter) throws MeterException {
        double[] row = new double[meter.domains().size()];
        meter.read(row, 0);
        return row;
    }

    @Test
    void hostPowerInWattsFollowsTheExporter() throws Exception {
        try (ScaphandreMeter meter = open(Optional.empty())) {
            assertThat(meter.domains()).containsExactly(new Domain("host", DomainKind.HOST_CPU, Quantity.POWER_W,
                    false, "scaphandre scaph_host_power_microwatts at " + server.url()
                    + " (CPU side: RAPL psys, or packages + DRAM; GPUs not included)"));
            assertThat(Await.fresh(() -> read(meter))[0]).isEqualTo(30e-6);
            server.body(dump(87_250_000, Map.of(), ""));
            Await.until("host power 87.25 W", () -> read(meter)[0] == 87.25);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "exe=/usr/bin/fizz        ; 3.5",   // 9841 + 10707, exact
            "exe=~/usr/bin/fi.*       ; 3.5",   // regex over the whole value
            "cmdline=mock-cmd         ; 0.25",  // exact: only 10346, not the mock-cmd-foo ones
            "cmdline=~mock-cmd.*      ; 0.875", // 9697 + 10332 + 10346
            "pid=9827                 ; 0.0625",
            "pid=~98(27|41)           ; 1.5625"})
    void processesChosenByExactLabelOrWholeValueRegex(String selector, double expectedW) throws Exception {
        server.body(dump(100_000_000, Map.of(9841, 1_500_000L, 10707, 2_000_000L, 10346, 250_000L,
                9697, 300_000L, 10332, 325_000L, 9827, 62_500L), ""));
        ProcessSelector parsed = ProcessSelector.parse("LEM_SCAPHANDRE_PROCESS", selector);
        try (ScaphandreMeter meter = open(Optional.of(parsed))) {
            assertThat(meter.domains().get(1).id()).isEqualTo("process:" + selector);
            assertThat(meter.domains().get(1).kind()).isEqualTo(DomainKind.PROCESS);
            assertThat(meter.domains().get(1).estimated()).isFalse();
            assertThat(Await.fresh(() -> read(meter)))
                    .containsExactly(new double[]{100, expectedW}, within(1e-12));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "exe=~fizz            | exe=~fizz among 284 processes",        // regex must match the whole value
            "cmdline=curl         | cmdline=curl among 284 processes",      // no substring match
            "exe=/usr/bin/vllm    | exe=/usr/bin/vllm among 284 processes"})
    void aSelectorMatchingNoProcessFailsTheOpenWithTheReason(String selector, String message) {
        assertThatThrownBy(() -> open(Optional.of(ProcessSelector.parse("LEM_SCAPHANDRE_PROCESS", selector))))
                .isInstanceOf(MeterException.class)
                .hasMessageContaining("no scaph_process_power_consumption_microwatts sample at " + server.url())
                .hasMessageContaining(message);
    }

    /** A --qemu host's scrape with one broken line: used whole but for that line, each oddity warned once. */
    @Test
    void oddLinesAreWarnedOnceAndTheRestOfEveryScrapeIsUsed() throws Exception {
        String base = dump(42_000_000, Map.of(), "");
        int first = (int) base.lines().count() + 1;
        server.body(base + PrometheusTextTest.qemuLine(7001, "vm1", 1_250_000) + "\n"
                + PrometheusTextTest.qemuLine(7002, "vm2", 750_000) + "\nscaph_host_load_avg_one 1,5\n");
        ProcessSelector qemu = ProcessSelector.parse("LEM_SCAPHANDRE_PROCESS", "exe=qemu-system-x86_64");
        try (ScaphandreMeter meter = open(Optional.of(qemu))) {
            assertThat(Await.fresh(() -> read(meter))).containsExactly(new double[]{42, 2.0}, within(1e-12));
            Await.until("three scrapes logged", () -> !meter.warnings().getFirst().endsWith("in 1 of 1 scrape(s)")
                    && !meter.warnings().getFirst().endsWith("in 2 of 2 scrape(s)"));

            List<String> warnings = meter.warnings();
            assertThat(warnings).hasSize(2);
            assertThat(warnings.get(0)).startsWith(server.url() + ": line " + first
                    + " kept: label 'exe' repeated with the same value").contains("(and 1 more line(s) like it)");
            assertThat(warnings.get(1)).startsWith(server.url() + ": line " + (first + 2)
                    + " skipped: value '1,5' is not a number");
            assertThat(warnings).allSatisfy(w -> assertThat(w).containsPattern("; in (\\d+) of \\1 scrape\\(s\\)$"));
        }
        ScaphandreProvider provider = new ScaphandreProvider(Map.of("LEM_SCAPHANDRE_URL", server.url()),
                Clock.system());
        assertThat(provider.probe(MeterContext.system()).reason()).contains("line " + (first + 2) + " skipped");
    }

    @Test
    void aBodyWithNothingParseableFailsTheOpenWithTheFirstBadLine() {
        server.body("<html>\n<body>proxy error</body>\n</html>\n");
        assertThatThrownBy(() -> open(Optional.empty())).isInstanceOf(MeterException.class)
                .hasMessageContaining("did not answer in the Prometheus text format: line 1 skipped")
                .hasMessageContaining("(and 2 more line(s) rejected)");
    }

    @Test
    void badSelectorsNameTheVariableAndTheFix() {
        assertThatThrownBy(() -> ProcessSelector.parse("LEM_SCAPHANDRE_PROCESS", "comm=python"))
                .hasMessageContaining("LEM_SCAPHANDRE_PROCESS='comm=python': unknown label 'comm'");
        assertThatThrownBy(() -> ProcessSelector.parse("LEM_SCAPHANDRE_PROCESS", "vllm"))
                .hasMessageContaining("use label=value or label=~regex");
        assertThatThrownBy(() -> ProcessSelector.parse("LEM_SCAPHANDRE_PROCESS", "exe=~(("))
                .hasMessageContaining("invalid regex");
    }

    /** The engine's tree: a real child process and its own child, matched by pid; other processes ignored. */
    @Test
    void engineProcessTreeSumsTheRootAndItsDescendants() throws Exception {
        Process root = new ProcessBuilder("sh", "-c", "sleep 30 & exec sleep 30").start();
        try {
            Await.until("the child's child exists", () -> root.descendants().findAny().isPresent());
            long rootPid = root.pid();
            long childPid = root.descendants().findFirst().orElseThrow().pid();
            String extra = "scaph_process_power_consumption_microwatts{exe=\"/usr/bin/sleep\",cmdline=\"sleep30\","
                    + "pid=\"" + rootPid + "\"} 2000000\n"
                    + "scaph_process_power_consumption_microwatts{pid=\"" + childPid + "\",exe=\"/usr/bin/sleep\","
                    + "cmdline=\"sleep30\"} 1500000\n";
            server.body(dump(50_000_000, Map.of(43027, 99_000_000L), extra));
            MeterContext context = MeterContext.system().withEnginePid(Math.toIntExact(rootPid));
            ScaphandreProvider provider = new ScaphandreProvider(Map.of("LEM_SCAPHANDRE_URL", server.url(),
                    "LEM_SCAPHANDRE_INTERVAL_S", "0.1"), Clock.system());
            try (var meter = provider.open(context)) {
                assertThat(meter.domains()).extracting(Domain::id).containsExactly("host", "process:" + rootPid);
                double[] row = Await.fresh(() -> {
                    double[] r = new double[2];
                    meter.read(r, 0);
                    return r;
                });
                assertThat(row).containsExactly(new double[]{50, 3.5}, within(1e-12));
            }
        } finally {
            root.descendants().forEach(ProcessHandle::destroy);
            root.destroy();
            root.waitFor();
        }
    }

    /**
     * The real dump lists pids of another machine, some of which may be live here, even this JVM's (CI's containers
     * number from 1): lines of pids live here are dropped, so that this JVM's tree is surely not listed.
     */
    @Test
    void engineNotListedByScaphandreFailsTheOpen() throws Exception {
        long self = ProcessHandle.current().pid();
        server.body(DUMP.lines().filter(line -> {
            Matcher m = PROCESS_LINE.matcher(line);
            return !m.matches() || ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty();
        }).collect(Collectors.joining("\n", "", "\n")));
        ProcessSelector tree = new ProcessSelector.Tree(Math.toIntExact(self));
        assertThatThrownBy(() -> open(Optional.of(tree)))
                .hasMessageContaining("matches process tree of pid " + self);
    }

    /** Sampler + trapezoids over the held steps: the energy of the whole trace uses every interval. */
    @Test
    void steppedPowerIsIntegratedByTrapezoidsOverTheWholeTrace() throws Exception {
        server.body(dump(10_000_000, Map.of(), ""));
        try (ScaphandreMeter meter = open(Optional.empty())) {
            Sampler sampler = new Sampler(List.of(meter), Clock.system(), 200, List.of());
            sampler.start();
            Await.until("20 samples at 10 W", () -> sampler.trace().size() >= 20);
            server.body(dump(30_000_000, Map.of(), ""));
            Await.until("20 samples at 30 W", () -> countAt(sampler.trace(), 30) >= 20);
            sampler.close();

            PowerTrace trace = sampler.trace();
            long[] t = trace.timesNs();
            double[] w = trace.values(0);
            assertThat(w).containsOnly(10, 30);
            int lastLow = 0;
            while (w[lastLow + 1] == 10) {
                lastLow++;
            }
            double expectedJ = 10 * (t[lastLow] - t[0]) / 1e9 + 20 * (t[lastLow + 1] - t[lastLow]) / 1e9
                    + 30 * (t[t.length - 1] - t[lastLow + 1]) / 1e9;
            WindowEnergy e = WindowEnergy.of(trace, 0, t[0], t[t.length - 1], sampler.periodNs());
            assertThat(e.energyJ()).isCloseTo(expectedJ, within(1e-9 * expectedJ));
            assertThat(e.samples()).isEqualTo(t.length);
        }
    }

    private static long countAt(PowerTrace trace, double w) {
        return java.util.Arrays.stream(trace.values(0)).filter(v -> v == w).count();
    }

    @Test
    void aFailingExporterMakesReadsFailOnceTheValueIsStale() throws Exception {
        try (ScaphandreMeter meter = open(Optional.empty())) {
            server.status(500);
            Await.until("a stale read", () -> {
                try {
                    read(meter);
                    return false;
                } catch (MeterException e) {
                    assertThat(e).hasMessageContaining("more than 3 x the 0.100 s interval")
                            .hasMessageContaining("answered HTTP 500");
                    return true;
                }
            });
            server.status(200);
            Await.until("fresh again", () -> read(meter)[0] == 30e-6);
        }
    }

    @Test
    void unreachableExporterIsUnavailableUnderAutoNotFatal() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        Map<String, String> env = Map.of("LEM_SCAPHANDRE_URL", "http://127.0.0.1:" + freePort);
        MeterSelector selector = new MeterSelector(List.of(new ScaphandreProvider(env, Clock.system())));
        try (MeterSelection selection = selector.select(List.of("auto"), MeterContext.system())) {
            assertThat(selection.meters()).isEmpty();
            var status = selection.status("scaphandre").orElseThrow();
            assertThat(status.available()).isFalse();
            assertThat(status.reason()).contains("http://127.0.0.1:" + freePort + "/metrics unreachable");
            assertThat(status.fix()).contains("scaphandre prometheus --address 127.0.0.1 --port 8080");
        }
        assertThatThrownBy(() -> selector.select(List.of("scaphandre"), MeterContext.system()))
                .isInstanceOf(MeterException.class).hasMessageContaining("unreachable");
    }

    @Test
    void notInAutoWithoutAUrl() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        ScaphandreProvider provider = new ScaphandreProvider(env, Clock.system());
        assertThat(provider.inAuto()).isFalse();
        assertThat(provider.probe(MeterContext.system()).reason()).contains("LEM_SCAPHANDRE_URL is not set");
        ScaphandreProvider configured = new ScaphandreProvider(Map.of("LEM_SCAPHANDRE_URL", server.url()),
                Clock.system());
        assertThat(configured.inAuto()).isTrue();
        assertThat(configured.probe(MeterContext.system()).available()).isTrue();
        ScaphandreProvider bad = new ScaphandreProvider(Map.of("LEM_SCAPHANDRE_URL", server.url(),
                "LEM_SCAPHANDRE_INTERVAL_S", "fast"), Clock.system());
        assertThat(bad.probe(MeterContext.system()).reason())
                .isEqualTo("LEM_SCAPHANDRE_INTERVAL_S='fast' must be a number of seconds in [0.01, 3600]");
    }
}
