package io.lem.load;

import java.util.List;

import io.lem.config.ConfigException;

/**
 * How requests arrive, as pure data (Gatling's injection steps): {@link Schedules} turns a process, a
 * {@link LoadShape} and a seed into send offsets before the run starts, so a schedule can be checked, stored and
 * replayed without a network.
 */
public sealed interface ArrivalProcess {

    /** Fixed concurrency: each client sends its next request as soon as its previous one ended. */
    record Closed(int concurrency) implements ArrivalProcess {
        public Closed {
            if (concurrency < 1) {
                throw new ConfigException("concurrency", "must be >= 1, was " + concurrency + "; fix: give 1 or more");
            }
        }
    }

    /** Open loop, evenly spaced: one request every 1/rps seconds. */
    record ConstantRate(double rps) implements Open {
        public ConstantRate {
            Open.checkRate(rps);
        }
    }

    /** Open loop, exponential inter-arrival times with mean 1/rps (a Poisson process). */
    record Poisson(double rps) implements Open {
        public Poisson {
            Open.checkRate(rps);
        }
    }

    /**
     * Open loop, gamma inter-arrival times as vLLM's benchmark draws them: shape = burstiness,
     * scale = 1/(rps·burstiness), so the mean gap stays 1/rps and CV² = 1/burstiness. Burstiness 1 is Poisson;
     * below 1 burstier, above 1 more even.
     */
    record Gamma(double rps, double burstiness) implements Open {
        public Gamma {
            Open.checkRate(rps);
            if (!(burstiness > 0) || !Double.isFinite(burstiness)) {
                throw new ConfigException("burstiness", "must be > 0, was " + burstiness
                        + "; fix: 1 for Poisson, < 1 for bursts, > 1 for more even arrivals");
            }
        }
    }

    /** Sends at the offsets recorded in a trace file (see {@link TraceFile}), optionally with token lengths. */
    record TraceReplay(List<TraceRow> rows) implements ArrivalProcess {
        public TraceReplay {
            rows = List.copyOf(rows);
            if (rows.isEmpty()) {
                throw new ConfigException("trace", "the trace has no rows; fix: give a file with one timestamp per row");
            }
        }
    }

    /** One row of a replayed trace; token lengths are -1 when the trace does not give them. */
    record TraceRow(long offsetNs, int inputTokens, int outputTokens) {
    }

    /** A process with a mean rate, sent open-loop: nobody waits for earlier requests. */
    sealed interface Open extends ArrivalProcess permits ConstantRate, Poisson, Gamma {

        double rps();

        private static void checkRate(double rps) {
            if (!(rps > 0) || !Double.isFinite(rps)) {
                throw new ConfigException("rate", "must be > 0 requests/s, was " + rps + "; fix: give e.g. --rate 4");
            }
        }
    }
}
