package io.lem.lab;

/** Small helpers for the JSON the Lab writes. */
final class LabMaps {

    private LabMaps() {
    }

    /** JSON has no NaN: a figure that cannot be computed is null, never 0. */
    static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** An ordered JSON object from key, value pairs: {@code Map.of} would write its keys in no stable order. */
    static java.util.Map<String, Object> of(Object... keyValues) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    /** J to Wh, only where a figure leaves for the page (Wh is the seed's unit). */
    static Double wh(double joules) {
        return num(joules / 3600);
    }
}
