package io.lem.verify.gpu;

import java.util.Arrays;

/**
 * One column's finite samples, with the two operations the comparison needs: a cumulative counter's value at any
 * time, and the trapezoidal integral of a power reading over any interval, both interpolating linearly between
 * samples (so a window's edges need not fall on a sample).
 */
record Series(double[] timesS, double[] values) {

    int size() {
        return timesS.length;
    }

    /** Linear interpolation; outside the samples the nearest end value (callers stay inside). */
    double at(double t) {
        int n = timesS.length;
        if (t <= timesS[0]) {
            return values[0];
        }
        if (t >= timesS[n - 1]) {
            return values[n - 1];
        }
        int i = upper(t);
        double t0 = timesS[i - 1];
        double t1 = timesS[i];
        return values[i - 1] + (values[i] - values[i - 1]) * (t - t0) / (t1 - t0);
    }

    /** ∫ v dt over [a, b] by the trapezoid rule on the samples, the edges interpolated. */
    double integral(double a, double b) {
        double sum = 0;
        double prevT = a;
        double prevV = at(a);
        for (int i = upper(a); i < timesS.length && timesS[i] < b; i++) {
            sum += (values[i] + prevV) / 2 * (timesS[i] - prevT);
            prevT = timesS[i];
            prevV = values[i];
        }
        return sum + (at(b) + prevV) / 2 * (b - prevT);
    }

    /** The first index whose time is > t. */
    private int upper(double t) {
        int i = Arrays.binarySearch(timesS, t);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
