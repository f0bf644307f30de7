package io.lem.study;

import java.util.List;

import io.lem.client.PromptRequest;
import io.lem.client.RequestRecord;
import io.lem.load.ArrivalProcess;
import io.lem.load.Extent;
import io.lem.load.LoadGenerator;
import io.lem.load.LoadRecord;
import io.lem.load.LoadRun;
import io.lem.load.LoadShape;
import io.lem.load.LoadSink;
import io.lem.load.LoadStop;
import io.lem.load.LoadTarget;
import io.lem.load.LoadWatch;
import io.lem.load.Loads;
import io.lem.load.Progress;
import io.lem.time.Clock;

/**
 * lem run's closed loops (each warm-up round and the measured load) on the one load engine ({@link Loads#run}): a
 * fixed list of requests at a concurrency, every record to the sink as it completes, the watch told of chunks and of
 * requests in flight, and what generating them cost added up over the run. Not thread-safe: one runner uses it.
 */
final class EngineLoad implements WarmupRunner.Round {

    private final LoadTarget target;
    private final int concurrency;
    private final Clock clock;
    private final LoadSink sink;
    private final LoadStop stop;
    private final LoadWatch watch;
    private LoadGenerator generator;

    EngineLoad(LoadTarget target, int concurrency, Clock clock, LoadSink sink, LoadStop stop, LoadWatch watch) {
        this.target = target;
        this.concurrency = concurrency;
        this.clock = clock;
        this.sink = sink;
        this.stop = stop;
        this.watch = watch;
    }

    /** Sends {@code requests} (their ids as given) and returns their records in completion order. */
    @Override
    public List<RequestRecord> run(List<PromptRequest> requests) throws InterruptedException {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
        if (requests.isEmpty()) {
            return List.of();
        }
        LoadRun run = Loads.run(target, new ArrivalProcess.Closed(concurrency),
                LoadShape.stopAfter(new Extent.Requests(requests.size())), null, a -> requests.get(a.index()), clock,
                sink, Progress.Listener.NONE, stop, watch);
        generator = generator == null ? run.generator() : generator.plus(run.generator());
        return run.records().stream().map(LoadRecord::request).toList();
    }

    /** The generator's cost over every load run so far, or null before the first. */
    LoadGenerator generator() {
        return generator;
    }
}
