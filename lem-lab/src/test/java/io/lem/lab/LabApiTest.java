package io.lem.lab;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lem.measure.MeterFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The API end to end against a scripted OpenAI-compatible server and a scripted CPU package: every figure is
 * checked against what the test computes from the power it scripted and the times the server recorded.
 */
class LabApiTest extends ScriptedLab {

    static final double IDLE_W = 5;
    static final double BUSY_W = 25;

    @Override
    ScriptedChat chat() throws Exception {
        return new ScriptedChat(List.of("Energy ", "is ", "measured ", "here."), 150, 60);
    }

    MeterFactory busyMeter() {
        return ScriptedMeter.factory(() -> chat.busy.get() ? BUSY_W : IDLE_W);
    }

    static Map<String, Object> composition() {
        return Map.of("query", "What does a watt measure?", "system_prompt", "You are terse.",
                "injections", List.of(Map.of("description", "doc", "content", "A watt is a joule per second."),
                        Map.of("description", "tools", "content", "tool: calculator")),
                "max_tokens", 16, "temperature", 0.2, "seed", 7);
    }

    @Test
    void aRunStreamsItsAnswerAndMeasuresItAgainstTheScriptedPower() throws Exception {
        LabClient client = start(busyMeter(), 0.5);
        LabClient.Response started = client.post("/api/run", composition());
        assertThat(started.status()).isEqualTo(202);
        List<LabClient.Event> events = client.events(started.json().path("id").stringValue());

        String streamed = String.join("", LabClient.of(events, "chunk").stream().map(c -> c.path("text").stringValue())
                .toList());
        assertThat(streamed).isEqualTo("Energy is measured here.");
        assertThat(LabClient.of(events, "mark").stream().map(m -> m.path("mark").stringValue()))
                .containsExactly("send", "first_token", "end");
        assertThat(LabClient.of(events, "baseline").getFirst().path("idle_power_w").doubleValue())
                .isCloseTo(IDLE_W, within(1e-9));
        JsonNode run = LabClient.of(events, "run").getFirst();
        assertThat(run.path("status").stringValue()).isEqualTo("ok");
        assertThat(run.path("mode").stringValue()).isEqualTo("live");
        assertThat(run.path("estimated").asBoolean()).isFalse();

        // independent: the server's own busy interval at 25 W inside a window at 5 W otherwise
        ScriptedChat.Busy busy = chat.measured().getFirst();
        double busyS = (busy.endNs() - busy.startNs()) / 1e9;
        double windowS = run.path("duration_s").doubleValue();
        double expectedJ = BUSY_W * busyS + IDLE_W * (windowS - busyS);
        double periodJ = (BUSY_W - IDLE_W) / LabOptions.DEFAULT_SAMPLE_RATE_HZ; // one sample of a step's error
        assertThat(run.path("total_j").doubleValue()).isCloseTo(expectedJ, within(2 * periodJ));
        assertThat(run.path("active_total_j").doubleValue()).isCloseTo((BUSY_W - IDLE_W) * busyS, within(2 * periodJ));
        assertThat(run.path("prefill_j").doubleValue() + run.path("decode_j").doubleValue())
                .isCloseTo(run.path("total_j").doubleValue(), within(1e-6));
        assertThat(run.path("total_wh").doubleValue()).isCloseTo(run.path("total_j").doubleValue() / 3600, within(1e-12));
        assertThat(run.path("wh_per_1000_output_tokens").doubleValue())
                .isCloseTo(run.path("total_wh").doubleValue() / 4 * 1000, within(1e-9));
        assertThat(run.path("verification").path("passed").asBoolean()).as(run.path("verification").toString()).isTrue();
        assertThat(run.path("m_eff_j").isNull()).as("no engine durations from an OpenAI server").isTrue();
        // a one-token warm-up loaded the model before the baseline: it ended before the measured request was sent
        ScriptedChat.Busy warmup = chat.requests.getFirst();
        assertThat(warmup.body().path("max_tokens").asInt()).isEqualTo(1);
        assertThat(warmup.endNs()).isLessThan(busy.startNs());
        assertThat(LabClient.of(events, "warmup")).hasSize(1);

        // the live benchmark: this run's prefill per prompt token and decode per output token, not a guessed split
        JsonNode live = client.get("/api/energy-benchmarks").json().path("benchmarks").valueStream()
                .filter(b -> b.path("name").stringValue().equals(LabService.LIVE_DYNAMIC)).findFirst().orElseThrow();
        assertThat(live.path("wh_per_1000_input_tokens").doubleValue()).isCloseTo(run.path("prefill_wh").doubleValue()
                / run.path("prompt_tokens").asInt() * 1000, within(1e-12));
        assertThat(live.path("wh_per_1000_output_tokens").doubleValue()).isCloseTo(run.path("decode_wh").doubleValue()
                / 4 * 1000, within(1e-12));

        // the history keeps the run until it is removed
        String id = run.path("run_id").stringValue();
        assertThat(client.get("/api/history").json().path("runs").get(0).path("run_id").stringValue()).isEqualTo(id);
        assertThat(client.post("/api/history/" + id + "/delete", Map.of()).status()).isEqualTo(200);
        assertThat(client.get("/api/session-summary").json().path("runs").asInt()).isZero();
    }

    @Test
    void theTokenAnalysisSplitsOverheadFromTheQueryAndItsSharesAddUpToTheTotal() throws Exception {
        LabClient client = start(busyMeter(), 0.2);
        String job = client.post("/api/run", composition()).json().path("id").stringValue();
        JsonNode run = LabClient.of(client.events(job), "run").getFirst();
        JsonNode analysis = run.path("token_analysis");
        Map<String, Integer> expected = Map.of("query", 5, "system_prompt", 3, "injection:doc", 7,
                "injection:tools", 2, "context", 0,
                // two messages, system and user: the scripted template adds 3 tokens each
                "template", 2 * ScriptedChat.TEMPLATE_PER_MESSAGE, "thinking", 0, "output", 4);
        double energy = 0;
        double share = 0;
        for (JsonNode p : analysis.path("parts")) {
            assertThat(p.path("tokens").asInt()).as(p.path("name").stringValue())
                    .isEqualTo(expected.get(p.path("name").stringValue()));
            energy += p.path("energy_j").doubleValue();
            share += p.path("energy_share").doubleValue();
        }
        assertThat(run.path("prompt_tokens").asInt()).isEqualTo(5 + 3 + 7 + 2 + 6);
        assertThat(analysis.path("overhead_tokens").asInt()).isEqualTo(3 + 7 + 2 + 6);
        assertThat(share).isCloseTo(1, within(1e-9));
        assertThat(energy).isCloseTo(run.path("prefill_j").doubleValue() + run.path("decode_j").doubleValue(),
                within(1e-9));
        // the engine received the injections appended to the system prompt
        JsonNode sent = chat.measured().getFirst().body().path("messages");
        assertThat(sent.get(0).path("content").stringValue())
                .isEqualTo("You are terse.\n\nA watt is a joule per second.\n\ntool: calculator");
    }

    @Test
    void aBaselineAboveTheLoadGivesNullActiveEnergyWithTheReasonNeverZero() throws Exception {
        // 40 W while the server idles (the baseline), 10 W while it answers: the load is below its baseline
        LabClient client = start(ScriptedMeter.factory(() -> chat.busy.get() ? 10 : 40), 0.3);
        String job = client.post("/api/run", composition()).json().path("id").stringValue();
        JsonNode run = LabClient.of(client.events(job), "run").getFirst();
        assertThat(run.path("active_total_j").isNull()).isTrue();
        assertThat(run.path("active_total_raw_j").doubleValue()).isNegative();
        assertThat(run.path("total_j").doubleValue()).isPositive();
        assertThat(run.path("warnings").toString()).contains("baseline not valid");
    }
}
