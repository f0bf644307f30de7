package io.lem.meter.prometheus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PrometheusTextTest {

    static String fixture(String name) {
        try (InputStream in = PrometheusTextTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static MetricFamily family(List<MetricFamily> families, String name) {
        return families.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no family " + name));
    }

    /** Every sample line of every real dump lands in a family declared by a TYPE line; none is lost. */
    @ParameterizedTest
    @CsvSource({
            "scaphandre_datadog_fixture_metrics.txt, 34",
            "kepler_datadog_fixture_metrics.txt, 25",
            "vllm_0.9.2_v0engine_qwen3-0.6b_metrics.txt, 22",
            "sglang_datadog_fixture_metrics.txt, 25",
            "dcgm_exporter_datadog_fixture_metrics.txt, 38",
            "nvidia_gpu_exporter__h100-80gb-hbm3__load.metrics, 134"})
    void realDumpsParseCompletely(String file, int typedFamilies) throws Exception {
        String text = fixture(file);
        List<MetricFamily> families = PrometheusText.parse(text);
        long sampleLines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();

        assertThat(families).hasSize(typedFamilies);
        assertThat(families).noneMatch(f -> f.type() == MetricType.UNTYPED);
        assertThat(families.stream().mapToInt(f -> f.samples().size()).sum()).isEqualTo((int) sampleLines);
    }

    @Test
    void scaphandreHostAndInterleavedProcessSamples() throws Exception {
        List<MetricFamily> families = PrometheusText.parse(fixture("scaphandre_datadog_fixture_metrics.txt"));

        MetricFamily process = family(families, "scaph_process_power_consumption_microwatts");
        assertThat(process.type()).isEqualTo(MetricType.GAUGE);
        assertThat(process.samples()).hasSize(284);
        // the label order differs from line to line in the file; the map does not care
        assertThat(process.samples().get(1).labels())
                .isEqualTo(Map.of("cmdline", "curl-shttp://localhost:8080/metrics", "exe", "", "pid", "43938"));
        assertThat(process.samples()).filteredOn(s -> "/usr/local/bin/scaphandre".equals(s.label("exe"))).hasSize(1);
        assertThat(family(families, "scaph_host_power_microwatts").samples().getFirst().value()).isEqualTo(30);
        assertThat(family(families, "scaph_host_energy_microjoules").type()).isEqualTo(MetricType.COUNTER);
        assertThat(family(families, "scaph_self_version").samples().getFirst().value()).isEqualTo(0.5);
        // the source's wrong HELP text is kept as written
        assertThat(process.help()).isEqualTo("Total data read on disk by the process, in bytes");
    }

    @Test
    void dcgmNoteCommentsAndMissingTrailingNewline() throws Exception {
        String text = fixture("dcgm_exporter_datadog_fixture_metrics.txt");
        assertThat(text).doesNotEndWith("\n").contains("# NOTE");
        List<MetricFamily> families = PrometheusText.parse(text);

        Sample energy = family(families, "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION").samples().getFirst();
        assertThat(energy.value()).isEqualTo(128996013);
        assertThat(energy.label("gpu")).isEqualTo("0");
        assertThat(energy.label("modelName")).isEqualTo("Tesla T4");
        assertThat(family(families, "DCGM_FI_DEV_POWER_USAGE").samples().getFirst().value()).isEqualTo(8.969);
        assertThat(family(families, "DCGM_FI_DEV_SLOWDOWN_TEMP").help()).isEmpty();
        assertThat(family(families, "DCGM_FI_DEV_FAN_SPEED").samples().getFirst().labels()).isEmpty();
        MetricFamily last = families.getLast();
        assertThat(last.name()).isEqualTo("DCGM_FI_PROF_DRAM_ACTIVE");
        assertThat(last.samples().getFirst().label("pod")).isEqualTo("ray-1111111");
        assertThat(last.samples().getFirst().value()).isEqualTo(0.000003);
    }

    @Test
    void vllmColonNamesAndHistograms() throws Exception {
        List<MetricFamily> families = PrometheusText.parse(fixture("vllm_0.9.2_v0engine_qwen3-0.6b_metrics.txt"));

        assertThat(families).filteredOn(f -> f.name().startsWith("vllm:")).hasSize(22);
        assertThat(family(families, "vllm:num_requests_running").samples().getFirst().value()).isZero();
        assertThat(family(families, "vllm:generation_tokens_total").samples().getFirst().value()).isEqualTo(107);
        MetricFamily ttft = family(families, "vllm:time_to_first_token_seconds");
        assertThat(ttft.type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(ttft.find("vllm:time_to_first_token_seconds_sum", Map.of()).value())
                .isEqualTo(0.2756359577178955);
        assertThat(ttft.find("vllm:time_to_first_token_seconds_bucket", Map.of("le", "+Inf")).value()).isEqualTo(1);
        assertThat(ttft.find("vllm:time_to_first_token_seconds_bucket", Map.of("le", "0.25")).value()).isZero();
        assertThat(family(families, "vllm:lora_requests_info").samples().getFirst().value())
                .isEqualTo(1.753628553989693e9);
        assertThat(family(families, "vllm:cache_config_info").samples().getFirst().label("num_gpu_blocks"))
                .isEqualTo("2340");
    }

    @Test
    void sglangKeplerAndNvidiaGpuExporterValues() throws Exception {
        List<MetricFamily> sglang = PrometheusText.parse(fixture("sglang_datadog_fixture_metrics.txt"));
        assertThat(family(sglang, "sglang:gen_throughput").samples().getFirst().value()).isEqualTo(425.5);
        MetricFamily ttft = family(sglang, "sglang:time_to_first_token_seconds");
        assertThat(ttft.samples("sglang:time_to_first_token_seconds_count").getFirst().value()).isEqualTo(1);
        assertThat(ttft.samples("sglang:time_to_first_token_seconds_sum").getFirst().value()).isEqualTo(0.02);

        List<MetricFamily> kepler = PrometheusText.parse(fixture("kepler_datadog_fixture_metrics.txt"));
        Sample pkg = family(kepler, "kepler_node_package_joules_total").samples().getFirst();
        assertThat(pkg.value()).isEqualTo(15618.813);
        assertThat(pkg.label("source")).isEqualTo("trained_power_model");

        List<MetricFamily> smi = PrometheusText.parse(fixture("nvidia_gpu_exporter__h100-80gb-hbm3__load.metrics"));
        assertThat(family(smi, "nvidia_smi_power_draw_watts").samples().getFirst().value()).isEqualTo(631.95);
        assertThat(family(smi, "nvidia_smi_clocks_current_sm_clock_hz").samples().getFirst().value())
                .isEqualTo(1.98e9);
    }

    @Test
    void escapesSpecialValuesTimestampsAndSummaries() throws Exception {
        String text = """
                # HELP rpc_seconds A summary with a \\\\ and a \\n in its help.
                # TYPE rpc_seconds summary
                rpc_seconds{quantile="0.5", path="a\\\\b\\"c\\nd",} 4.5e-3 1700000000000
                rpc_seconds_sum{path="x"}\t+Inf
                rpc_seconds_count{path="x"} -Inf
                # a free comment
                temp NaN
                temp_other 1E3 -5
                """;
        List<MetricFamily> families = PrometheusText.parse(text);

        MetricFamily rpc = family(families, "rpc_seconds");
        assertThat(rpc.type()).isEqualTo(MetricType.SUMMARY);
        assertThat(rpc.help()).isEqualTo("A summary with a \\ and a \n in its help.");
        Sample q = rpc.samples().getFirst();
        assertThat(q.labels()).containsEntry("path", "a\\b\"c\nd").containsEntry("quantile", "0.5");
        assertThat(q.value()).isEqualTo(0.0045);
        assertThat(q.timestampMs()).isEqualTo(OptionalLong.of(1_700_000_000_000L));
        assertThat(rpc.samples("rpc_seconds_sum").getFirst().value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(rpc.samples("rpc_seconds_count").getFirst().value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(family(families, "temp").type()).isEqualTo(MetricType.UNTYPED);
        assertThat(family(families, "temp").samples().getFirst().value()).isNaN();
        assertThat(family(families, "temp_other").samples().getFirst().timestampMs()).isEqualTo(OptionalLong.of(-5));
        assertThat(family(families, "temp_other").samples().getFirst().value()).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ok 1\nbad{a=\"b} 1",             // unterminated label value
            "ok 1\nbad{a=b} 1",               // unquoted value
            "ok 1\nbad{a=\"\\t\"} 1",         // escape not in the format
            "ok 1\nbad 1,5",                  // not a number
            "ok 1\nbad 1f",                   // Java float suffix is not Prometheus
            "ok 1\nbad",                      // no value
            "ok 1\nbad 1 12.5",               // fractional timestamp
            "ok 1\nbad 1 2 3",                // trailing garbage
            "ok 1\n9bad 1",                   // name starts with a digit
            "ok 1\n# TYPE bad flavour",       // unknown type
            "ok 1\n# TYPE ok gauge",          // TYPE after the family's first sample
            "ok 1\nbad{a=\"1\",a=\"2\"} 1",   // duplicate label
            "# HELP ok a\n# HELP ok b"})      // duplicate HELP
    void garbageNamesTheLine(String text) {
        assertThatThrownBy(() -> PrometheusText.parse(text))
                .isInstanceOf(PrometheusFormatException.class)
                .hasMessageStartingWith("line 2: ")
                .hasMessageContaining("'" + text.lines().skip(1).findFirst().orElseThrow().substring(0, 2))
                .satisfies(e -> assertThat(((PrometheusFormatException) e).lineNumber()).isEqualTo(2));
    }

    /** Scaphandre's qemu process lines as {@code --qemu} writes them: {@code exe} twice, same value, plus vmname. */
    static String qemuLine(int pid, String vm, long uw) {
        return "scaph_process_power_consumption_microwatts{exe=\"qemu-system-x86_64\",cmdline=\"/usr/bin/qemu-system-x86_64"
                + "-nameguest=" + vm + "\",pid=\"" + pid + "\",vmname=\"" + vm + "\",exe=\"qemu-system-x86_64\"} " + uw;
    }

    @Test
    void aLabelRepeatedWithTheSameValueIsKeptOnceWithANote() throws Exception {
        String text = fixture("scaphandre_datadog_fixture_metrics.txt") + qemuLine(7001, "vm1", 1_250_000) + "\n"
                + qemuLine(7002, "vm2", 750_000) + "\n";
        int firstQemuLine = (int) fixture("scaphandre_datadog_fixture_metrics.txt").lines().count() + 1;

        Exposition read = PrometheusText.read(text);
        MetricFamily process = family(read.families(), "scaph_process_power_consumption_microwatts");
        assertThat(process.samples()).hasSize(284 + 2);
        assertThat(process.find("scaph_process_power_consumption_microwatts", Map.of("pid", "7001")).labels())
                .isEqualTo(Map.of("exe", "qemu-system-x86_64", "cmdline", "/usr/bin/qemu-system-x86_64-nameguest=vm1",
                        "pid", "7001", "vmname", "vm1"));
        assertThat(read.skipped()).isEmpty();
        assertThat(read.issues()).extracting(LineIssue::lineNumber).containsExactly(firstQemuLine, firstQemuLine + 1);
        assertThat(read.issues().getFirst().message()).startsWith("line " + firstQemuLine
                + " kept: label 'exe' repeated with the same value; kept once");
        // the strict form accepts it too: it is not a syntax error worth a scrape
        assertThat(family(PrometheusText.parse(text), "scaph_process_power_consumption_microwatts").samples())
                .hasSize(286);
    }

    /** Each bad line is skipped with its number and reason; every other line of the real dump is kept. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "scaph_host_load_avg_one 1,5                                         | value '1,5' is not a number",
            "scaph_process_power_consumption_microwatts{exe=\"a\",exe=\"b\",pid=\"1\"} 3 | label 'exe' appears twice with different values ('a', 'b')",
            "scaph_process_power_consumption_microwatts{exe=\"a} 3                | unterminated label value",
            "# TYPE scaph_process_power_consumption_microwatts gauge              | second TYPE line for 'scaph_process_power_consumption_microwatts'",
            "<html>oops</html>                                                   | expected a metric name"})
    void aMalformedLineIsSkippedWithItsNumberAndTheRestKept(String bad, String reason) throws Exception {
        String dump = fixture("scaphandre_datadog_fixture_metrics.txt");
        List<String> lines = new ArrayList<>(dump.lines().toList());
        int at = 40; // among the process samples, so families on both sides of it must survive
        lines.add(at, bad);
        String text = String.join("\n", lines) + "\n";

        Exposition read = PrometheusText.read(text);
        List<MetricFamily> expected = PrometheusText.parse(dump);
        assertThat(read.skipped()).singleElement().satisfies(issue -> {
            assertThat(issue.lineNumber()).isEqualTo(at + 1);
            assertThat(issue.problem()).contains(reason);
            assertThat(issue.message()).startsWith("line " + (at + 1) + " skipped: ").endsWith("'" + bad + "'");
        });
        assertThat(read.families()).hasSameSizeAs(expected);
        for (MetricFamily e : expected) {
            assertThat(family(read.families(), e.name())).isEqualTo(e);
        }
        assertThatThrownBy(() -> PrometheusText.parse(text)).isInstanceOf(PrometheusFormatException.class)
                .hasMessageStartingWith("line " + (at + 1) + ": ");
    }

    /** Shuffling the lines of samples and reordering labels never changes what a family holds. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void sampleOrderAndLabelOrderDoNotMatter(long seed) throws Exception {
        String text = fixture("scaphandre_datadog_fixture_metrics.txt");
        List<String> comments = text.lines().filter(l -> l.startsWith("#")).toList();
        List<String> samples = new ArrayList<>(text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = samples.size() - 1; i > 0; i--) {
            Collections.swap(samples, i, random.nextInt(i + 1));
        }
        List<String> relabelled = samples.stream().map(l -> reverseLabels(l)).toList();
        String shuffled = String.join("\n", comments) + "\n" + String.join("\r\n", relabelled);

        List<MetricFamily> expected = PrometheusText.parse(text);
        List<MetricFamily> actual = PrometheusText.parse(shuffled);
        assertThat(actual).hasSameSizeAs(expected);
        for (MetricFamily e : expected) {
            assertThat(family(actual, e.name()).samples()).containsExactlyInAnyOrderElementsOf(e.samples());
        }
    }

    private static String reverseLabels(String line) {
        int open = line.indexOf('{');
        int close = line.lastIndexOf('}');
        if (open < 0) {
            return line;
        }
        List<String> pairs = new ArrayList<>(List.of(line.substring(open + 1, close).split(",(?=[a-z]+=\")")));
        Collections.reverse(pairs);
        return line.substring(0, open + 1) + String.join(", ", pairs) + line.substring(close);
    }

    @Test
    void numbersParseLikeTheirDecimalText() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 13));
            Sample s = PrometheusText.parse("x " + v).getFirst().samples().getFirst();
            assertThat(s.value()).isCloseTo(v, within(0.0));
        }
    }
}
