package io.lem.meter;


/**
 * A meter by name. lem's own providers are listed in {@link io.lem.meter.select.MeterSelector#builtIns()}; others (NVML, nvidia-smi,
 * Prometheus) plug in the same way or through {@link java.util.ServiceLoader}.
 */
public interface MeterProvider {

    /** The name used in configs and by {@code lem meters}: {@code rapl}, {@code process}, ... */
    String name();

    /** Whether {@code auto} uses this meter when it is available. */
    default boolean inAuto() {
        return true;
    }

    /** Checks availability without keeping anything open. Never throws: problems go into the probe. */
    Probe probe(MeterContext context);

    /** Opens the meter; the caller closes it. */
    Meter open(MeterContext context) throws MeterException;

    /** The outcome of a probe; {@code fix} is null when there is nothing the user can do. */
    record Probe(boolean available, String reason, String fix) {

        public static Probe available(String reason) {
            return new Probe(true, reason, null);
        }

        public static Probe unavailable(String reason, String fix) {
            return new Probe(false, reason, fix);
        }
    }
}
