package io.lem.load;

import java.util.List;

/** What the load engine sends next: the closed loop answers completions, the open loop follows its schedule. */
sealed interface Feed {

    /** The arrival to send now, or null when none may go yet. */
    Arrival next(long nowNs, int inFlight);

    /** Nanoseconds until {@link #next} may return one without any completion; Long.MAX_VALUE when only a completion can. */
    long waitNs(long nowNs, int inFlight);

    /** True when nothing more will be sent. */
    boolean finished(long nowNs);

    /** When the schedule wanted {@code arrival} sent, or -1 without a schedule. */
    long scheduledNs(Arrival arrival);

    /**
     * Up to {@code concurrency} requests in flight, the next sent as one ends, until {@code total} were sent or
     * {@code endNs} has passed since {@code startNs} (-1: no such limit). A request's portion follows its index and
     * the offset at which it was sent.
     */
    record Closed(int concurrency, int total, long startNs, long endNs, PortionRule rule, int[] sent) implements Feed {

        Closed(int concurrency, int total, long startNs, long endNs, PortionRule rule) {
            this(concurrency, total, startNs, endNs, rule, new int[1]);
        }

        @Override
        public Arrival next(long nowNs, int inFlight) {
            if (inFlight >= concurrency || finished(nowNs)) {
                return null;
            }
            int i = sent[0]++;
            long offsetNs = nowNs - startNs;
            return new Arrival(i, offsetNs, rule.classify(i, offsetNs), -1, -1);
        }

        @Override
        public long waitNs(long nowNs, int inFlight) {
            return Long.MAX_VALUE;
        }

        @Override
        public boolean finished(long nowNs) {
            return total >= 0 && sent[0] >= total || endNs >= 0 && nowNs - startNs >= endNs;
        }

        @Override
        public long scheduledNs(Arrival arrival) {
            return -1;
        }
    }

    /** The schedule's arrivals at their offsets after {@code startNs}, at most {@code cap} in flight (0: no cap). */
    record Open(List<Arrival> arrivals, long startNs, int cap, int[] sent) implements Feed {

        Open(List<Arrival> arrivals, long startNs, int cap) {
            this(arrivals, startNs, cap, new int[1]);
        }

        @Override
        public Arrival next(long nowNs, int inFlight) {
            if (waitNs(nowNs, inFlight) > 0) {
                return null;
            }
            return arrivals.get(sent[0]++);
        }

        @Override
        public long waitNs(long nowNs, int inFlight) {
            if (sent[0] >= arrivals.size() || cap > 0 && inFlight >= cap) {
                return Long.MAX_VALUE;
            }
            return Math.max(0, startNs + arrivals.get(sent[0]).offsetNs() - nowNs);
        }

        @Override
        public boolean finished(long nowNs) {
            return sent[0] >= arrivals.size();
        }

        @Override
        public long scheduledNs(Arrival arrival) {
            return startNs + arrival.offsetNs();
        }
    }
}
