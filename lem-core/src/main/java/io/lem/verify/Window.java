package io.lem.verify;

/** A time window in seconds on the run's one clock. */
record Window(double startS, double endS) {

    double durationS() {
        return endS - startS;
    }
}
