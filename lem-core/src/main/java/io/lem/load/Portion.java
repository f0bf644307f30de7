package io.lem.load;

/** Which part of a run a request belongs to; only {@code MEASURED} requests enter the figures. */
public enum Portion {
    WARMUP, MEASURED, COOLDOWN;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
