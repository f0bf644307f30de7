package io.lem.plan;

import java.util.List;
import java.util.Map;

import io.lem.config.ConfigException;
import io.lem.config.ConfigKey;

/**
 * The {@code execution:} section: repetitions, order and pauses. These settings decide when points run, not what
 * runs, so they are left out of the study design hash (as LLenergyMeasure's {@code compute_study_design_hash}
 * leaves out its execution block): re-ordering a study does not make its results incomparable.
 *
 * @param seed      {@code execution.seed} for the shuffle, or null to derive it from the study design hash
 * @param gapS      {@code execution.gap_s}: pause before each run
 * @param cycleGapS {@code execution.cycle_gap_s}: pause instead of {@code gap_s} where a cycle (or, in sequential
 *                  order, a point's block) begins
 * @param experimentTimeoutS     {@code execution.experiment_timeout_s}: a run still going after this long is stopped
 *                               and recorded as timed out; 0 for no limit
 * @param maxConsecutiveFailures {@code execution.max_consecutive_failures}: the study pauses (resumable) after this
 *                               many failed runs in a row, the circuit breaker of issue 9
 * @param executor  {@code execution.executor}: local (this JVM) or slurm (a job array, lem-slurm)
 * @param slurm     the {@code slurm.*} keys the study gave (full names, coerced); the rest take their defaults
 */
public record ExecutionSettings(Repetitions repetitions, Order order, Long seed, double gapS, double cycleGapS,
                                double experimentTimeoutS, int maxConsecutiveFailures, String executor,
                                Map<String, Object> slurm) {

    public static final List<String> EXECUTORS = List.of("local", "slurm");

    /** One cycle, as a plain study file ran before studies had cycles. */
    public static final int DEFAULT_CYCLES = 1;
    /** Interleaving spreads drift over all points instead of confounding it with one (see {@link Order}). */
    public static final Order DEFAULT_ORDER = Order.INTERLEAVE;
    /** docs/methodology.md: adaptive repetition decides after each cycle from the third on. */
    public static final int DEFAULT_MIN_CYCLES = 3;
    /** Twice a fixed 5-cycle design: the cap that keeps a noisy point from running for ever. */
    public static final int DEFAULT_MAX_CYCLES = 10;
    /** No per-run limit unless asked: an engine that stalls is already caught by workload.request_timeout_s. */
    public static final double DEFAULT_EXPERIMENT_TIMEOUT_S = 0;
    /** Three failures in a row point at the setup (engine, model, machine), not at one point. */
    public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 3;

    private static final ConfigKey CYCLES = new ConfigKey.IntKey("execution.cycles", 1, 10_000,
            "repetitions of every point");
    private static final ConfigKey ORDER = new ConfigKey.ChoiceKey("execution.order", Order.yamlNames(),
            "the order of the (point, cycle) runs");
    private static final ConfigKey SEED = new ConfigKey.IntKey("execution.seed", 0, Long.MAX_VALUE,
            "seed of the shuffle order");
    private static final ConfigKey GAP = new ConfigKey.DoubleKey("execution.gap_s", 0, 86_400,
            "seconds of pause before each run");
    private static final ConfigKey CYCLE_GAP = new ConfigKey.DoubleKey("execution.cycle_gap_s", 0, 86_400,
            "seconds of pause where a cycle begins");
    private static final ConfigKey PRECISION = new ConfigKey.DoubleKey("execution.precision", 1e-6, 0.999_999,
            "target 95 % CI half-width relative to the mean, e.g. 0.02");
    private static final ConfigKey MIN_CYCLES = new ConfigKey.IntKey("execution.min_cycles", 2, 10_000,
            "cycles before the precision is first checked");
    private static final ConfigKey MAX_CYCLES = new ConfigKey.IntKey("execution.max_cycles", 2, 10_000,
            "the most cycles a point runs when the precision is not reached");
    private static final ConfigKey TIMEOUT = new ConfigKey.DoubleKey("execution.experiment_timeout_s", 0, 604_800,
            "seconds after which one run is stopped and recorded as timed out (0: no limit)");
    private static final ConfigKey BREAKER = new ConfigKey.IntKey("execution.max_consecutive_failures", 1, 10_000,
            "failed runs in a row after which the study pauses");
    private static final ConfigKey EXECUTOR = new ConfigKey.ChoiceKey("execution.executor", EXECUTORS,
            "where the runs execute: local (here, one after another) or slurm (a Slurm job array)");
    private static final List<ConfigKey> KEYS = List.of(CYCLES, ORDER, SEED, GAP, CYCLE_GAP, PRECISION, MIN_CYCLES,
            MAX_CYCLES, TIMEOUT, BREAKER, EXECUTOR);

    public ExecutionSettings {
        if (repetitions == null || order == null || gapS < 0 || cycleGapS < 0 || experimentTimeoutS < 0
                || maxConsecutiveFailures < 1) {
            throw new IllegalArgumentException("repetitions and order are required, gaps and the timeout are >= 0, "
                    + "the breaker >= 1");
        }
        executor = executor == null ? io.lem.config.Defaults.EXECUTOR : executor;
        slurm = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slurm == null ? Map.of() : slurm));
    }

    /** Run here, with no Slurm keys. */
    public ExecutionSettings(Repetitions repetitions, Order order, Long seed, double gapS, double cycleGapS,
                             double experimentTimeoutS, int maxConsecutiveFailures) {
        this(repetitions, order, seed, gapS, cycleGapS, experimentTimeoutS, maxConsecutiveFailures, null, Map.of());
    }

    /** A {@code slurm.*} key's value: the study's, else its default. */
    public Object slurmValue(String name) {
        return slurm.containsKey(name) ? slurm.get(name) : io.lem.config.ConfigSchema.defaultOf(name);
    }

    /** Without a per-run timeout and with the default circuit breaker. */
    public ExecutionSettings(Repetitions repetitions, Order order, Long seed, double gapS, double cycleGapS) {
        this(repetitions, order, seed, gapS, cycleGapS, DEFAULT_EXPERIMENT_TIMEOUT_S,
                DEFAULT_MAX_CONSECUTIVE_FAILURES);
    }

    /** Checks the section's keys (without their {@code execution.} prefix). */
    public static ExecutionSettings parse(Map<String, Object> section) {
        Map<String, Object> slurm = new java.util.LinkedHashMap<>();
        for (String key : section.keySet()) {
            if (key.startsWith(io.lem.config.ConfigSchema.SLURM_SECTION + ".")) {
                slurm.put(key, KeyCheck.coerce(key, io.lem.config.ConfigSchema.key(key), section.get(key)));
                continue;
            }
            if (KEYS.stream().noneMatch(k -> k.name().equals("execution." + key))) {
                throw new ConfigException("execution." + key, "unknown key; fix: use one of "
                        + KEYS.stream().map(ConfigKey::name).toList());
            }
        }
        Order order = Order.of((String) value(section, ORDER, DEFAULT_ORDER.yamlName()));
        Long seed = section.get("seed") == null ? null : (Long) value(section, SEED, null);
        double gapS = (Double) value(section, GAP, 0.0);
        double cycleGapS = section.containsKey("cycle_gap_s") ? (Double) value(section, CYCLE_GAP, 0.0) : gapS;
        Repetitions repetitions;
        if (section.get("precision") == null) {
            for (String adaptiveOnly : List.of("min_cycles", "max_cycles")) {
                if (section.containsKey(adaptiveOnly)) {
                    throw new ConfigException("execution." + adaptiveOnly, "only applies with execution.precision; "
                            + "fix: set execution.precision (e.g. 0.02) or remove it");
                }
            }
            repetitions = new Repetitions.Fixed(Math.toIntExact((Long) value(section, CYCLES, (long) DEFAULT_CYCLES)));
        } else {
            if (section.containsKey("cycles")) {
                throw new ConfigException("execution.cycles", "conflicts with execution.precision, which adds cycles "
                        + "until the precision is reached; fix: remove execution.cycles and bound the cycles with "
                        + "execution.min_cycles and execution.max_cycles");
            }
            int min = Math.toIntExact((Long) value(section, MIN_CYCLES, (long) DEFAULT_MIN_CYCLES));
            int max = Math.toIntExact((Long) value(section, MAX_CYCLES, (long) Math.max(min, DEFAULT_MAX_CYCLES)));
            if (max < min) {
                throw new ConfigException("execution.max_cycles", "expected at least execution.min_cycles (" + min
                        + "), got " + max + "; fix: raise max_cycles or lower min_cycles");
            }
            repetitions = new Repetitions.Adaptive((Double) value(section, PRECISION, null), min, max);
        }
        double timeoutS = (Double) value(section, TIMEOUT, DEFAULT_EXPERIMENT_TIMEOUT_S);
        int breaker = Math.toIntExact((Long) value(section, BREAKER, (long) DEFAULT_MAX_CONSECUTIVE_FAILURES));
        String executor = (String) value(section, EXECUTOR, io.lem.config.Defaults.EXECUTOR);
        return new ExecutionSettings(repetitions, order, seed, gapS, cycleGapS, timeoutS, breaker, executor, slurm);
    }

    private static Object value(Map<String, Object> section, ConfigKey key, Object fallback) {
        Object raw = section.get(key.name().substring("execution.".length()));
        return raw == null ? fallback : KeyCheck.coerce(key.name(), key, raw);
    }
}
