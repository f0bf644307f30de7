package io.lem.load;

import io.lem.config.ConfigException;

/** A span of a load run, counted in requests or in seconds: where it stops, how long it warms up or cools down. */
public sealed interface Extent {

    Extent NONE = new Requests(0);

    record Requests(int count) implements Extent {
        public Requests {
            if (count < 0) {
                throw new ConfigException("requests", "must be >= 0, was " + count);
            }
        }
    }

    record Seconds(double seconds) implements Extent {
        public Seconds {
            if (!(seconds >= 0) || !Double.isFinite(seconds)) {
                throw new ConfigException("seconds", "must be a finite number >= 0, was " + seconds);
            }
        }

        public long nanos() {
            return Math.round(seconds * 1e9);
        }
    }
}
