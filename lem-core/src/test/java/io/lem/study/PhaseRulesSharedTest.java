package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.lem.client.ClientOptions;
import io.lem.client.KeepAliveServer;
import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.client.RequestStatus;
import io.lem.config.MeasurementConfig;
import io.lem.load.ArrivalProcess;
import io.lem.load.Extent;
import io.lem.load.LoadRecord;
import io.lem.load.LoadShape;
import io.lem.load.LoadStop;
import io.lem.load.LoadTarget;
import io.lem.load.Loads;
import io.lem.load.Portion;
import io.lem.load.Progress;
import io.lem.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * lem run and lem load read one phase rule set: for the same warm-up count, lem run's warm-up (WarmupRunner's first
 * batch) and lem load's warm-up portion (the load engine on a real keep-alive server) are the same sends, the first
 * n of the run; lem load's cool-down by the same rules is the last m sends.
 */
class PhaseRulesSharedTest {

    private static final List<PromptRequest> POOL = List.of(new PromptRequest(0, false, "a", 4, 1));

    /** lem run: the send positions its warm-up takes, with every round answered at once. */
    private static List<Integer> runWarmup(int count) throws InterruptedException {
        WarmupRunner runner = new WarmupRunner(new MeasurementConfig.Warmup(count, 0, 0, 3, false, 1.0, 600),
                Clock.system(), () -> null);
        List<Integer> sent = new ArrayList<>();
        WarmupRunner.Outcome outcome = runner.run(batch -> batch.stream().map(r -> {
            sent.add(r.id());
            return new RequestRecord(r.id(), r.warmup(), 0, 1, 2, 1, 1, 1, false, RequestStatus.OK, null);
        }).toList(), POOL, 2, new LoadStop());
        assertThat(outcome.records()).allMatch(RequestRecord::warmup);
        return sent;
    }

    /** lem load: the send positions of each portion, sent through the load engine to a real server. */
    private static List<LoadRecord> load(KeepAliveServer server, int warmup, int measured, int cooldown)
            throws InterruptedException {
        ClientOptions options = new ClientOptions(server.baseUrl(), "m", null, Duration.ofSeconds(10), true, true);
        Clock clock = Clock.system();
        LoadTarget target = new LoadTarget("openai", options);
        LoadShape shape = LoadShape.stopAfter(new Extent.Requests(warmup + measured + cooldown))
                .withWarmup(new Extent.Requests(warmup), new Extent.Requests(cooldown));
        return Loads.run(target, new ArrivalProcess.Closed(3), shape, null,
                a -> new PromptRequest(a.index(), a.portion() == Portion.WARMUP, "p", 4, a.index()), clock, r -> { },
                Progress.Listener.NONE, new LoadStop()).records();
    }

    private static List<Integer> sends(List<LoadRecord> records, Portion portion) {
        return records.stream().filter(r -> r.portion() == portion).map(r -> r.request().id()).sorted().toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 7})
    void runAndLoadExcludeTheSameWarmupSends(int count) throws Exception {
        List<Integer> firstN = IntStream.range(0, count).boxed().toList();
        assertThat(runWarmup(count)).containsExactlyElementsOf(firstN);
        try (KeepAliveServer server = new KeepAliveServer(4, KeepAliveServer.Framing.LENGTH, 0, 0)) {
            List<LoadRecord> records = load(server, count, 10, 2);
            assertThat(records).allMatch(r -> r.request().ok());
            assertThat(sends(records, Portion.WARMUP)).containsExactlyElementsOf(firstN);
            assertThat(sends(records, Portion.COOLDOWN)).containsExactly(count + 10, count + 11);
            assertThat(sends(records, Portion.MEASURED)).hasSize(10).first().isEqualTo(count);
        }
    }
}
