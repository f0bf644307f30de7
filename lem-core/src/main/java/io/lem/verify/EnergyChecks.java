package io.lem.verify;

import static io.lem.verify.Fields.*;

import java.util.ArrayList;
import java.util.List;

/** Windows, energy over the measured window per domain and per sum, idle power, active energy, steady state. */
final class EnergyChecks {

    private static final double TOL = Tolerances.DEFAULT;

    private EnergyChecks() {
    }

    static List<Check> checks(Recompute r) {
        List<Check> checks = new ArrayList<>();
        timeline(r, checks);
        energy(r, checks, METHODS);
        baseline(r, checks);
        steadyState(r, checks);
        return checks;
    }

    /** Each window's duration, and the measured window's edges against the first send and last end. */
    private static void timeline(Recompute r, List<Check> checks) {
        for (String name : List.of(BASELINE_WINDOW, MEASURED_WINDOW, STEADY_WINDOW, AFTER_WINDOW)) {
            Window w = r.files.window(name);
            String pointer = TIMELINE + name + "/" + DURATION_S;
            checks.add(Check.of(Fields.figure(pointer), r.files.reported(pointer),
                    w == null ? Recomputed.none("no such window") : Recomputed.of(w.durationS()), TOL));
        }
        edges(r, TIMELINE + MEASURED_WINDOW + "/", checks);
    }

    /**
     * The measured window's edges ({@code <window>start_s}, {@code end_s}) against the first measured send and the
     * last measured end of requests.jsonl, relative to the window's duration.
     */
    static void edges(Recompute r, String window, List<Check> checks) {
        double scale = r.measured == null ? Double.NaN : r.measured.durationS();
        checks.add(Check.scaled(Fields.figure(window + START_S), r.files.reported(window + START_S),
                r.firstMeasuredSendS(), scale, Tolerances.WINDOW_EDGE));
        checks.add(Check.scaled(Fields.figure(window + END_S), r.files.reported(window + END_S),
                r.lastMeasuredEndS(), scale, Tolerances.WINDOW_EDGE));
    }

    /**
     * Energy per domain over the measured window, the total, the cpu/dram/gpu/llm sums (their domains listed under
     * {@code idsAt}: result.json's methods, summary.json's energy section) and the active energy.
     */
    static void energy(Recompute r, List<Check> checks, String idsAt) {
        for (String id : r.files.keys(ENERGY_BY_DOMAIN, r.totalIds)) {
            checks.add(Check.of(Fields.figure(ENERGY_BY_DOMAIN) + "." + id, r.files.reported(ENERGY_BY_DOMAIN, id),
                    r.files.trace().energyJ(id, r.measured), TOL));
        }
        checks.add(Check.of(Fields.figure(TOTAL_ENERGY), r.files.reported(TOTAL_ENERGY), r.totalJ, TOL));
        for (String[] sum : new String[][] {{CPU_ENERGY, CPU_DOMAIN_IDS}, {DRAM_ENERGY, DRAM_DOMAIN_IDS},
                {GPU_ENERGY, GPU_DOMAIN_IDS}, {LLM_ENERGY, LLM_DOMAIN_IDS}}) {
            checks.add(Check.of(Fields.figure(sum[0]), r.files.reported(sum[0]),
                    r.sum(r.files.ids(idsAt + sum[1]), r.measured), TOL));
        }
        checks.add(Check.of(Fields.figure(ACTIVE_RAW), r.files.reported(ACTIVE_RAW), r.activeRawJ, TOL));
        checks.add(Check.of(Fields.figure(ACTIVE), r.files.reported(ACTIVE), r.activeJ, TOL));
        for (String id : r.files.keys(ACTIVE_BY_DOMAIN, r.totalIds)) {
            checks.add(Check.of(Fields.figure(ACTIVE_BY_DOMAIN) + "." + id, r.files.reported(ACTIVE_BY_DOMAIN, id),
                    r.activeJ(List.of(id), r.measured), TOL));
        }
    }

    private static void baseline(Recompute r, List<Check> checks) {
        for (String id : r.files.keys(BASELINE_BY_DOMAIN, r.totalIds)) {
            checks.add(Check.of(Fields.figure(BASELINE_BY_DOMAIN) + "." + id, r.files.reported(BASELINE_BY_DOMAIN, id),
                    r.idleW(id), TOL));
        }
        checks.add(Check.of(Fields.figure(BASELINE_POWER), r.files.reported(BASELINE_POWER), r.idleW, TOL));
        Window after = r.files.window(AFTER_WINDOW);
        Recomputed afterW = after == null ? Recomputed.none("no after-run window")
                : r.idleW(r.totalIds, after);
        checks.add(Check.of(Fields.figure(AFTER_POWER), r.files.reported(AFTER_POWER), afterW, TOL));
    }

    /** Steady-state energy and the tokens emitted inside it (see {@link Tokens#emittedIn}). */
    private static void steadyState(Recompute r, List<Check> checks) {
        Window w = r.files.window(STEADY_WINDOW);
        String none = "no steady-state window";
        Recomputed total = w == null ? Recomputed.none(none) : r.sum(r.totalIds, w);
        Recomputed tokens = w == null ? Recomputed.none(none) : Recomputed.of(Tokens.emittedIn(r.measuredOk, w));
        checks.add(Check.of(Fields.figure(STEADY + DURATION_S), r.files.reported(STEADY + DURATION_S),
                w == null ? Recomputed.none(none) : Recomputed.of(w.durationS()), TOL));
        checks.add(Check.of(Fields.figure(STEADY + STEADY_TOTAL_ENERGY), r.files.reported(STEADY + STEADY_TOTAL_ENERGY),
                total, TOL));
        checks.add(Check.of(Fields.figure(STEADY + STEADY_ACTIVE_ENERGY),
                r.files.reported(STEADY + STEADY_ACTIVE_ENERGY),
                w == null ? Recomputed.none(none) : r.activeJ(r.totalIds, w), TOL));
        checks.add(Check.of(Fields.figure(STEADY + STEADY_OUTPUT_TOKENS),
                r.files.reported(STEADY + STEADY_OUTPUT_TOKENS), tokens, TOL));
        checks.add(Check.of(Fields.figure(STEADY + STEADY_JOULES_PER_OUTPUT_TOKEN),
                r.files.reported(STEADY + STEADY_JOULES_PER_OUTPUT_TOKEN), Recompute.ratio(total, tokens), TOL));
    }
}
