package io.lem.analysis.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.lem.config.ConfigException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoadMetricsTest {

    private static final long MS = 1_000_000;

    /** A request sent at sendMs whose chunks (one token each) arrive at the given ms offsets after the send. */
    private static RequestTiming request(long sendMs, boolean ok, long... chunkOffsetsMs) {
        long[] chunks = new long[chunkOffsetsMs.length];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = (sendMs + chunkOffsetsMs[i]) * MS;
        }
        long first = chunks.length == 0 ? -1 : chunks[0];
        long end = chunks.length == 0 ? (sendMs + 5) * MS : chunks[chunks.length - 1];
        return new RequestTiming(sendMs * MS, first, end, 10, chunks.length, chunks, ok, Double.NaN);
    }

    @Test
    void vllmDefinitionsOnAHandComputedRun() {
        List<RequestTiming> run = List.of(
                request(0, true, 100, 120, 140, 160),        // ttft 100, tpot 60/3 = 20, itl 20,20,20
                request(50, true, 300, 400),                  // ttft 300, tpot 100, itl 100
                request(100, true, 50),                       // one token: no tpot, no itl
                request(200, false));                         // failed
        LoadSummary s = LoadMetrics.summarize(run, Slos.parse(List.of("ttft:200", "tpot:50")));

        assertThat(s.requests()).isEqualTo(4);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.errorRate()).isEqualTo(0.25);
        assertThat(s.ttftMs().count()).isEqualTo(3);
        assertThat(s.ttftMs().mean()).isCloseTo(150, within(1e-9));
        assertThat(s.tpotMs().count()).isEqualTo(2);
        assertThat(s.tpotMs().mean()).isCloseTo(60, within(1e-9));
        assertThat(s.itlMs().count()).isEqualTo(4);
        assertThat(s.itlMs().mean()).isCloseTo(40, within(1e-9));
        assertThat(s.e2eMs().max()).isCloseTo(400, within(1e-9));
        // window 0 .. 450 ms (request 1 ends at 50 + 400), 3 OK requests, 7 output tokens, 30 prompt tokens
        assertThat(s.durationS()).isCloseTo(0.45, within(1e-12));
        assertThat(s.requestsPerS()).isCloseTo(3 / 0.45, within(1e-9));
        assertThat(s.outputTokensPerS()).isCloseTo(7 / 0.45, within(1e-9));
        assertThat(s.totalTokensPerS()).isCloseTo(37 / 0.45, within(1e-9));
        // good: request 0 (100 <= 200, 20 <= 50) and request 2 (50 <= 200, one token counts tpot 0)
        assertThat(s.goodRequests()).isEqualTo(2);
        assertThat(s.goodputRequestsPerS()).isCloseTo(2 / 0.45, within(1e-9));
    }

    @Test
    void summaryJsonCarriesTheDefinitionsAndNullsForMissingFigures() {
        Map<String, Object> json = LoadMetrics.summarize(List.of(request(0, false)), Slos.NONE).toJson();
        assertThat(json).containsEntry("requests_failed", 1).containsEntry("goodput_requests_per_s", null)
                .containsEntry("error_rate", 1.0);
        assertThat(json.get("definitions")).asString().contains("(e2e - ttft) / (output_tokens - 1)")
                .contains("every gap between consecutive streamed chunks");
        assertThat(((Map<?, ?>) json.get("tpot")).get("mean_ms")).isNull();
        assertThat(((Map<?, ?>) json.get("tpot")).containsKey("mean_ms")).isTrue();
    }

    /** Goodput never exceeds throughput, and loosening an SLO never lowers it. */
    @RepeatedTest(20)
    void goodputIsMonotoneInTheSlos(RepetitionInfo info) {
        SplittableRandom random = new SplittableRandom(info.getCurrentRepetition());
        List<RequestTiming> run = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long[] chunks = new long[1 + random.nextInt(8)];
            long t = 1 + random.nextInt(300);
            for (int c = 0; c < chunks.length; c++) {
                chunks[c] = t;
                t += 1 + random.nextInt(80);
            }
            run.add(request(random.nextInt(1000), random.nextInt(10) > 0, chunks));
        }
        double ttft = 1 + random.nextInt(300);
        double tpot = 1 + random.nextInt(80);
        LoadSummary tight = LoadMetrics.summarize(run, Slos.parse(List.of("ttft:" + ttft, "tpot:" + tpot)));
        LoadSummary loose = LoadMetrics.summarize(run, Slos.parse(List.of("ttft:" + ttft * 2, "tpot:" + tpot * 2)));
        assertThat(tight.goodRequests()).isLessThanOrEqualTo(loose.goodRequests());
        assertThat(loose.goodRequests()).isLessThanOrEqualTo(loose.requests() - loose.failed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ttft", "ttft:", "ttft:-5", "itl:50", "ttft:fast"})
    void badSlosNameTheFlagAndTheFix(String pair) {
        assertThatThrownBy(() -> Slos.parse(List.of(pair))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("goodput").hasMessageContaining("fix");
    }

    @Test
    void e2elIsVllmsNameForE2e() {
        assertThat(Slos.parse(List.of("e2el:1000")).thresholdsMs()).containsOnlyKeys("e2e");
        assertThatThrownBy(() -> Slos.parse(List.of("e2e:1", "e2el:2"))).hasMessageContaining("twice");
    }
}
