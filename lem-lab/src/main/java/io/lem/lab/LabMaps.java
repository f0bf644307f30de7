package io.lem.lab;

/** Small helpers for the JSON the Lab writes. */
final class LabMaps {

    private LabMaps() {
    }

    /** JSON has no NaN: a figure that cannot be computed is null, never 0. */
    static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** J to Wh, only where a figure leaves for the page (Wh is the seed's unit). */
    static Double wh(double joules) {
        return num(joules / 3600);
    }
}
