package io.lem.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The settings of {@code lem power log}, {@code measure} and {@code serve}, from the keys of {@link Settings#POWER}.
 *
 * @param meters       {@code measurement.meters}: auto, or meter names
 * @param sampleRateHz {@code measurement.sample_rate_hz}, the same key and range as a study's
 * @param powercapRoot {@code host.powercap_root}
 * @param procRoot     {@code host.proc_root}
 * @param baselineS    {@code power.baseline_s}: the idle window before a measured command
 * @param durationS    {@code power.duration_s}: how long to log or serve; null until stopped
 * @param port         {@code power.port}
 * @param output       {@code power.output}: the CSV of lem power log, or null
 */
public record PowerOptions(List<String> meters, double sampleRateHz, Path powercapRoot, Path procRoot,
                           double baselineS, Double durationS, int port, Path output) {

    public PowerOptions {
        meters = List.copyOf(meters);
    }

    public static PowerOptions from(Settings s) {
        String output = s.text("power.output");
        return new PowerOptions(s.list("measurement.meters"), s.decimal("measurement.sample_rate_hz"),
                Path.of(s.text("host.powercap_root")), Path.of(s.text("host.proc_root")), s.decimal("power.baseline_s"),
                s.decimal("power.duration_s"), s.integer("power.port"), output == null ? null : Path.of(output));
    }

    /** The defaults, with {@code keys} set as {@code --set} would set them. */
    public static PowerOptions of(java.util.Map<String, ?> keys) {
        return from(Settings.resolve(Settings.POWER, "lem power", keys));
    }

    public double intervalS() {
        return 1 / sampleRateHz;
    }
}
