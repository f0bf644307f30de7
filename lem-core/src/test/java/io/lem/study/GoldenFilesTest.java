package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lem.load.LoadGenerator;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.config.ExperimentConfig;
import io.lem.engine.EngineLaunch;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.MeterStatus;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;
import io.lem.result.Environment;
import io.lem.result.Json;
import io.lem.result.JsonlWriter;
import io.lem.result.PowerCsvWriter;
import io.lem.testkit.Golden;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.lem.measure.Marks;

/**
 * Seals the machine-readable formats (result.json, requests.jsonl, power.csv) against golden files, under locales
 * with different decimal separators: a format change must be deliberate (regenerate with -Dlem.golden.update=true
 * and review the diff).
 */
class GoldenFilesTest {

    private static final long S = 1_000_000_000L;
    private static final long ANCHOR = 5 * S;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE", "fr-FR"})
    void formatsAreStableInEveryLocale(String tag) throws Exception {
        Golden.inLocale(tag, () -> {
            Fixture f = new Fixture();
            ResultDocument document = f.document();
            check("result.json", new String(Json.pretty().writeValueAsBytes(document.toJson()), StandardCharsets.UTF_8));
            StringBuilder energyRows = new StringBuilder();
            RequestEnergyRows.of(document.a()).forEach(r -> energyRows.append(Json.compact().writeValueAsString(io.lem.result.RequestEnergyJsonl.toJson(r))).append('\n'));
            check("request_energy.jsonl", energyRows.toString());
            Path jsonl = tmp.resolve("requests.jsonl");
            try (JsonlWriter writer = new JsonlWriter(jsonl)) {
                RequestRows rows = new RequestRows(writer, ANCHOR);
                f.records.forEach(rows::append);
            }
            check("requests.jsonl", Files.readString(jsonl));
            Path csv = tmp.resolve("power.csv");
            try (PowerCsvWriter writer = new PowerCsvWriter(csv, ANCHOR)) {
                writer.onStart(f.trace.domains());
                long[] t = f.trace.timesNs();
                for (int i = 0; i < t.length; i++) {
                    writer.onSample(t[i], new double[] {f.trace.values(0)[i], f.trace.values(1)[i], f.trace.values(2)[i]});
                }
            }
            check("power.csv", Files.readString(csv));
        });
    }

    /** The golden experiment, written as lem run writes it, passes the independent recomputation of lem verify. */
    @org.junit.jupiter.api.Test
    void goldenFiguresPassTheIndependentVerifier() throws IOException {
        Fixture f = new Fixture();
        ResultDocument document = f.document();
        StringBuilder energyRows = new StringBuilder();
        RequestEnergyRows.of(document.a()).forEach(r -> energyRows.append(Json.compact().writeValueAsString(io.lem.result.RequestEnergyJsonl.toJson(r))).append('\n'));
        Files.writeString(tmp.resolve(ExperimentRunner.REQUEST_ENERGY_FILE), energyRows);
        try (JsonlWriter writer = new JsonlWriter(tmp.resolve(ExperimentRunner.REQUESTS_FILE))) {
            RequestRows rows = new RequestRows(writer, ANCHOR);
            f.records.forEach(rows::append);
        }
        try (PowerCsvWriter writer = new PowerCsvWriter(tmp.resolve(ExperimentRunner.POWER_FILE), ANCHOR)) {
            writer.onStart(f.trace.domains());
            long[] t = f.trace.timesNs();
            for (int i = 0; i < t.length; i++) {
                writer.onSample(t[i], new double[] {f.trace.values(0)[i], f.trace.values(1)[i], f.trace.values(2)[i]});
            }
        }
        String line = VerifiedResult.write(tmp.resolve(ExperimentRunner.RESULT_FILE), document.toJson());
        io.lem.verify.Verification v = io.lem.verify.Verifier.verify(tmp);
        assertThat(v.failures()).isEmpty();
        assertThat(v.figuresChecked()).isGreaterThan(40);
        assertThat(line).startsWith("verification: passed, " + v.figuresChecked() + " figures");
        assertThat(Json.pretty().readTree(tmp.resolve(ExperimentRunner.RESULT_FILE).toFile())
                .path("verification").path("passed").asBoolean()).isTrue();
    }

    private static void check(String name, String actual) throws IOException {
        Golden.check(GoldenFilesTest.class, name, actual);
    }

    /** A small experiment with exact numbers: 2 W package, 1 W dram, an estimated 0.5 W process, 10 Hz. */
    private static final class Fixture {
        final PowerTrace trace;
        final List<RequestRecord> records = new ArrayList<>();
        final ExperimentConfig config = ExperimentConfig.resolve(1, Map.of("engine.threads", 1,
                "workload.requests", 2, "workload.concurrency", 1, "measurement.baseline_s", 1));

        Fixture() {
            List<Domain> domains = List.of(
                    new Domain("cpu-package0", DomainKind.CPU_PACKAGE, Quantity.ENERGY_J, false, "fixture package"),
                    new Domain("dram0", DomainKind.DRAM, Quantity.ENERGY_J, false, "fixture dram"),
                    new Domain("gpu0:temperature_c", DomainKind.GPU, Quantity.GAUGE, false, "fixture gauge"));
            int n = 61;
            long[] t = new long[n];
            double[] pkg = new double[n];
            double[] dram = new double[n];
            double[] temp = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = ANCHOR + i * S / 10;
                double seconds = i / 10.0;
                // idle 1 W package for the first second, then 3 W while requests run
                pkg[i] = seconds <= 1 ? seconds : 1 + 3 * (seconds - 1);
                dram[i] = 0.5 * seconds;
                temp[i] = 40 + i % 3;
            }
            trace = PowerTrace.of(domains, t, pkg, dram, temp);
            records.add(new RequestRecord(0, true, ANCHOR + 1_000_000_000L, ANCHOR + 1_200_000_000L,
                    ANCHOR + 2_000_000_000L, 40, 16, 16, false, RequestStatus.OK, null));
            records.add(new RequestRecord(1, false, ANCHOR + 2_000_000_000L, ANCHOR + 2_250_000_000L,
                    ANCHOR + 4_000_000_000L, 41, 32, 32, false, RequestStatus.OK, null));
            records.add(new RequestRecord(2, false, ANCHOR + 4_000_000_000L, ANCHOR + 4_500_000_000L,
                    ANCHOR + 6_000_000_000L, 42, 32, 32, false, RequestStatus.OK, null));
        }

        ResultDocument document() {
            Marks marks = new Marks(ANCHOR, ANCHOR, ANCHOR + S, ANCHOR + S, ANCHOR + 2 * S, ANCHOR + 2 * S, ANCHOR + 6 * S,
                    ANCHOR + 6 * S, ANCHOR + 6 * S);
            List<MeterStatus> statuses = List.of(new MeterStatus("rapl", true, true, "fixture", null));
            ExperimentAnalysis analysis = new ExperimentAnalysis(config, trace, records, marks, statuses, Map.of(), S / 10,
                    "count (1 requests)", List.of());
            Environment env = new Environment("Fixture CPU", 1, 2, 1L << 30, "FixtureOS 1", "6.0", "FixtureVM 25",
                    "0.1.0", "0123456789abcdef0123456789abcdef01234567");
            EngineLaunch launch = new EngineLaunch("fixture-engine", List.of("serve", "--port", "1"),
                    URI.create("http://127.0.0.1:1"), Path.of("engine.log"));
            // a fixed generator cost: 0.25 CPU s over 5 s and 3 requests, no CPU model (so no estimate)
            LoadGenerator generator = new LoadGenerator(LoadGenerator.EVENT_LOOP, 0.25, 5.0, 3, null,
                    "no estimate: the CPU model could not be read from the fixture");
            return new ResultDocument("golden", config, env, List.of(), launch, Instant.parse("2026-11-23T12:00:00Z"),
                    analysis, generator, RunFlops.of(java.util.Optional.empty(), analysis.requests().attributed()),
                    java.util.Optional.empty(), null);
        }
    }
}
