package io.lem.load;

import java.util.List;
import java.util.Optional;

import io.lem.client.InferenceClient;
import io.lem.client.RequestRecord;
import io.lem.client.WireProtocol;
import io.lem.time.Clock;

/**
 * Runs a load of any arrival process on the one load engine ({@link LoadEngine}: a closed loop, an open-loop or a
 * replayed schedule), with one sink and one stop rule, and records what generating it cost. Where the engine does
 * not speak the transport (HTTPS) the blocking client on virtual threads runs the same loops
 * ({@link ClosedLoop}, {@link OpenLoop}).
 */
public final class Loads {

    private Loads() {
    }

    /**
     * @param schedule the open-loop or trace schedule ({@link Schedules#build}); null for a closed loop
     * @param sink     each record once it completes, on the writer thread (with the event loop) in completion order
     */
    public static LoadRun run(LoadTarget target, ArrivalProcess process, LoadShape shape, Schedule schedule,
                              RequestFactory factory, Clock clock, LoadSink sink, Progress.Listener listener,
                              LoadStop stop) throws InterruptedException {
        return run(target, process, shape, schedule, factory, clock, sink, listener, stop, LoadWatch.NONE);
    }

    /**
     * As above, with {@code watch} told of every chunk and of each request as it goes out and ends (lem run's engine
     * watch counts the requests in flight and sees the engine alive by its chunks).
     */
    public static LoadRun run(LoadTarget target, ArrivalProcess process, LoadShape shape, Schedule schedule,
                              RequestFactory factory, Clock clock, LoadSink sink, Progress.Listener listener,
                              LoadStop stop, LoadWatch watch) throws InterruptedException {
        Optional<WireProtocol> wire = target.wire(clock, watch);
        double cpuStartS = LoadGenerator.processCpuS();
        long startNs = clock.nanoTime();
        List<LoadRecord> records;
        if (wire.isPresent()) {
            records = onEngine(wire.get(), process, shape, schedule, factory, clock, sink, listener, stop, watch);
        } else if (process instanceof ArrivalProcess.Closed closed) {
            records = ClosedLoop.run(watched(target.fallback(), watch), closed, shape, factory, clock, sink, listener);
        } else {
            records = OpenLoop.run(watched(target.fallback(), watch), schedule, factory, clock, sink, listener);
        }
        double wallS = (clock.nanoTime() - startNs) / 1e9;
        double cpuS = LoadGenerator.processCpuS() - cpuStartS;
        var model = LoadGenerator.model(target.cpuinfo());
        return new LoadRun(records, new LoadGenerator(wire.isPresent() ? LoadGenerator.EVENT_LOOP
                : LoadGenerator.HTTP_CLIENT, cpuS, wallS, records.size(), model,
                model == null ? "no estimate: the CPU model could not be read from " + target.cpuinfo() : null));
    }

    private static List<LoadRecord> onEngine(WireProtocol wire, ArrivalProcess process, LoadShape shape,
                                             Schedule schedule, RequestFactory factory, Clock clock, LoadSink sink,
                                             Progress.Listener listener, LoadStop stop, LoadWatch watch)
            throws InterruptedException {
        LoadEngine engine = new LoadEngine(wire, clock, factory, watch);
        long startNs = clock.nanoTime();
        if (process instanceof ArrivalProcess.Closed closed) {
            int total = shape.stop() instanceof Extent.Requests(int n) ? n : -1;
            long endNs = shape.stop() instanceof Extent.Seconds s ? s.nanos() : -1;
            RunState state = new RunState(clock, startNs, total, endNs, sink, listener);
            PortionRule rule = new PortionRule(shape.warmup(), shape.cooldown(), total, endNs);
            engine.run(new Feed.Closed(closed.concurrency(), total, startNs, endNs, rule), state, stop);
            return state.records();
        }
        long endNs = schedule.shape().stop() instanceof Extent.Seconds ? schedule.endNs() : -1;
        RunState state = new RunState(clock, startNs, schedule.size(), endNs, sink, listener);
        engine.run(new Feed.Open(schedule.arrivals(), startNs, schedule.shape().maxConcurrency()), state, stop);
        return state.records();
    }

    /** The blocking client with {@code watch} told of each request (its chunks are the client's own to report). */
    private static InferenceClient watched(InferenceClient client, LoadWatch watch) {
        if (watch == LoadWatch.NONE) {
            return client;
        }
        return request -> {
            watch.begin();
            RequestRecord record = null;
            try {
                record = client.send(request);
                return record;
            } finally {
                watch.end(record);
            }
        };
    }
}
