package io.lem.load;

import java.util.List;

import io.lem.client.WireProtocol;
import io.lem.time.Clock;

/**
 * Runs a load of any arrival process on the one load engine ({@link LoadEngine}: a closed loop, an open-loop or a
 * replayed schedule), with one sink and one stop rule, over every API and transport (http, https), and records
 * what generating it cost.
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
        WireProtocol wire = target.wire(clock, watch);
        LoadEngine engine = new LoadEngine(wire, clock, factory, watch, wire.tls() ? target.trust().context() : null);
        double cpuStartS = LoadGenerator.processCpuS();
        long startNs = clock.nanoTime();
        RunState state;
        if (process instanceof ArrivalProcess.Closed closed) {
            int total = shape.stop() instanceof Extent.Requests(int n) ? n : -1;
            long endNs = shape.stop() instanceof Extent.Seconds s ? s.nanos() : -1;
            state = new RunState(clock, startNs, total, endNs, sink, listener);
            PortionRule rule = new PortionRule(shape.warmup(), shape.cooldown(), total, endNs);
            engine.run(new Feed.Closed(closed.concurrency(), total, startNs, endNs, rule), state, stop);
        } else {
            long endNs = schedule.shape().stop() instanceof Extent.Seconds ? schedule.endNs() : -1;
            state = new RunState(clock, startNs, schedule.size(), endNs, sink, listener);
            engine.run(new Feed.Open(schedule.arrivals(), startNs, schedule.shape().maxConcurrency()), state, stop);
        }
        List<LoadRecord> records = state.records();
        double wallS = (clock.nanoTime() - startNs) / 1e9;
        double cpuS = LoadGenerator.processCpuS() - cpuStartS;
        var model = LoadGenerator.model(target.cpuinfo());
        return new LoadRun(records, new LoadGenerator(LoadGenerator.EVENT_LOOP, cpuS, wallS, records.size(), model,
                model == null ? "no estimate: the CPU model could not be read from " + target.cpuinfo() : null));
    }
}
