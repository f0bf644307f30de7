package io.lem.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lem.measure.MeterFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Batches, cancels, the one-at-a-time queue, calibration and what survives a restart. */
class LabJobsTest extends ScriptedLab {

    @Override
    ScriptedChat chat() throws Exception {
        return new ScriptedChat(List.of("a ", "b ", "c ", "d ", "e"), 100, 80);
    }

    LabClient start(MeterFactory meters) throws Exception {
        return start(meters, 0.2);
    }

    MeterFactory meter() {
        return ScriptedMeter.factory(() -> chat.busy.get() ? 30 : 10);
    }

    /** A page whose stream dropped reconnects with Last-Event-ID and gets only what it missed: no answer twice. */
    @Test
    void aReconnectingStreamResumesAfterTheLastEventItGot() throws Exception {
        LabClient client = start(meter());
        String job = client.post("/api/run", Map.of("query", "count to five")).json().path("id").stringValue();
        List<LabClient.Event> all = client.events(job);
        assertThat(all).extracting(LabClient.Event::id)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, all.size()).mapToObj(Integer::toString)
                        .toList());
        int firstChunk = all.stream().map(LabClient.Event::type).toList().indexOf("chunk");
        assertThat(firstChunk).isNotNegative();
        List<LabClient.Event> resumed = client.events(job, Integer.toString(firstChunk), e -> true);
        assertThat(resumed).extracting(LabClient.Event::id, LabClient.Event::type)
                .containsExactlyElementsOf(all.subList(firstChunk + 1, all.size()).stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.id(), e.type())).toList());
        assertThat(LabClient.of(resumed, "chunk")).hasSize(LabClient.of(all, "chunk").size() - 1);
        // an id that is not one of ours replays everything, as a first connect does
        assertThat(client.events(job, "not-a-number", e -> true)).hasSameSizeAs(all);
    }

    @Test
    void aCancelledBatchStillEndsWithTheSummaryOfTheRunsThatCompleted() throws Exception {
        LabClient client = start(meter());
        String job = client.post("/api/batch", Map.of("query", "count to five", "runs", 3)).json().path("id")
                .stringValue();
        List<LabClient.Event> events = client.events(job, e -> {
            if (e.type().equals("run")) {
                try {
                    client.post("/api/jobs/" + job + "/cancel", Map.of());
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }
            return true;
        });
        List<JsonNode> runs = LabClient.of(events, "run");
        JsonNode summary = LabClient.of(events, "summary").getFirst();
        assertThat(runs.size()).isBetween(1, 2);
        assertThat(summary.path("cancelled").asBoolean()).isTrue();
        assertThat(summary.path("requested_runs").asInt()).isEqualTo(3);
        long ok = runs.stream().filter(r -> r.path("status").stringValue().equals("ok")).count();
        assertThat(summary.path("completed_runs").asLong()).isEqualTo(ok);
        double mean = runs.stream().filter(r -> r.path("status").stringValue().equals("ok"))
                .mapToDouble(r -> r.path("wh_per_1000_output_tokens").doubleValue()).average().orElseThrow();
        assertThat(summary.path("wh_per_1000_output_tokens").path("mean").doubleValue()).isCloseTo(mean, within(1e-12));
        assertThat(events.getLast().type()).isEqualTo("end");
        assertThat(events.getLast().data().path("state").stringValue()).isEqualTo("cancelled");
    }

    @Test
    void twoRunsStartedAtOnceAreMeasuredOneAfterTheOtherAndTheSecondIsToldItIsQueued() throws Exception {
        LabClient tab1 = start(meter());
        LabClient tab2 = new LabClient(lab.url());
        String first = tab1.post("/api/run", Map.of("query", "one")).json().path("id").stringValue();
        String second = tab2.post("/api/run", Map.of("query", "two")).json().path("id").stringValue();
        List<LabClient.Event> secondEvents = tab2.events(second);
        tab1.events(first);
        JsonNode queued = LabClient.of(secondEvents, "queued").getFirst();
        assertThat(queued.path("ahead").asInt()).isEqualTo(1);
        List<ScriptedChat.Busy> measured = chat.measured();
        assertThat(measured).hasSize(2);
        ScriptedChat.Busy a = measured.get(0);
        ScriptedChat.Busy b = measured.get(1);
        assertThat(b.startNs()).as("the second request starts after the first ended").isGreaterThan(a.endNs());
        // another session cannot see or cancel the first tab's job
        assertThat(tab2.get("/api/jobs/" + first).status()).isEqualTo(404);
    }

    @Test
    void aCalibrationStoresInputAndOutputCoefficientsApartAndTheySurviveARestart() throws Exception {
        LabClient client = start(meter());
        LabClient.Response r = client.post("/api/rapl-calibrate", Map.of("query", "calibrate me please", "runs", 2));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        JsonNode b = r.json().path("benchmark");
        assertThat(b.path("name").stringValue()).isEqualTo("rapl_calibrated_" + ScriptedChat.MODEL);
        List<JsonNode> runs = client.get("/api/history").json().path("runs").valueStream().toList();
        double prefillWh = runs.stream().mapToDouble(x -> x.path("prefill_wh").doubleValue()).sum();
        double decodeWh = runs.stream().mapToDouble(x -> x.path("decode_wh").doubleValue()).sum();
        int prompt = runs.stream().mapToInt(x -> x.path("prompt_tokens").asInt()).sum();
        int output = runs.stream().mapToInt(x -> x.path("output_tokens").asInt()).sum();
        assertThat(runs).hasSize(2);
        assertThat(b.path("wh_per_1000_input_tokens").doubleValue()).isCloseTo(prefillWh / prompt * 1000, within(1e-12));
        assertThat(b.path("wh_per_1000_output_tokens").doubleValue()).isCloseTo(decodeWh / output * 1000, within(1e-12));

        lab.close();
        lab = null;
        LabClient again = start(meter());
        List<String> names = new ArrayList<>();
        again.get("/api/energy-benchmarks").json().path("benchmarks").forEach(x -> names.add(x.path("name").stringValue()));
        assertThat(names).contains("rapl_calibrated_" + ScriptedChat.MODEL, LabService.LIVE_DYNAMIC);
    }

    @Test
    void withoutMetersARunIsEstimatedFromTheBenchmarksInputAndOutputCoefficients() throws Exception {
        LabClient client = start(ScriptedMeter.none());
        assertThat(client.post("/api/add-custom-benchmark", Map.of("name", "mine", "wh_per_1000_input_tokens", 2.0,
                "wh_per_1000_output_tokens", 10.0)).status()).isEqualTo(201);
        assertThat(client.post("/api/session", Map.of("benchmark", "mine", "country", "CAF")).status()).isEqualTo(200);
        String job = client.post("/api/run", Map.of("query", "estimate this")).json().path("id").stringValue();
        JsonNode run = LabClient.of(client.events(job), "run").getFirst();
        int prompt = run.path("prompt_tokens").asInt();
        assertThat(prompt).isEqualTo(2 + ScriptedChat.TEMPLATE_PER_MESSAGE);
        assertThat(run.path("mode").stringValue()).isEqualTo("estimated");
        assertThat(run.path("estimated").asBoolean()).isTrue();
        assertThat(run.path("estimate_label").stringValue()).contains("estimated");
        assertThat(run.path("total_wh").doubleValue()).isCloseTo(2.0 * prompt / 1000 + 10.0 * 5 / 1000, within(1e-12));
        // the Central African Republic's grid is 0 g/kWh in lem's table: 0 g, not a default factor
        assertThat(run.path("carbon").path("g_per_kwh").doubleValue()).isEqualTo(0.0);
        assertThat(run.path("carbon").path("grams_co2e").doubleValue()).isEqualTo(0.0);
        JsonNode summary = client.get("/api/session-summary").json();
        assertThat(summary.path("estimated").asBoolean()).isTrue();
        assertThat(summary.path("total_wh").doubleValue()).isCloseTo(run.path("total_wh").doubleValue(), within(1e-15));
    }
}
