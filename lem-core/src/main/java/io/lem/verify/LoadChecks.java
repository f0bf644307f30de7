package io.lem.verify;

import static io.lem.verify.Fields.*;

import java.util.ArrayList;
import java.util.List;

/**
 * lem load's summary.json: the energy section over the windows it names (written only with {@code --meters}) and
 * the metrics section, both from power.csv and the measured rows of requests.jsonl ({@code portion} "measured").
 */
final class LoadChecks {

    private static final double TOL = Tolerances.DEFAULT;
    /** Reported: energy.total_energy_j; recomputed: Σ of the reported energy_j_by_domain over total_domain_ids. */
    static final String TOTAL_OF_DOMAINS_FIGURE = "energy.total_energy_j = sum of energy_j_by_domain";

    private LoadChecks() {
    }

    static List<Check> checks(RunFiles files) {
        Recompute r = new Recompute(files, files.windowAt(LOAD_WINDOW), files.windowAt(LOAD_BASELINE_WINDOW),
                files.ids(ENERGY + TOTAL_DOMAIN_IDS));
        List<Check> checks = new ArrayList<>();
        // without --meters there is no energy section: the metrics are still recomputable from requests.jsonl;
        // an energy section alone (a summary written by EnergySession for other callers) is verified on its own
        if (files.result().at(ENERGY_SECTION).isObject()) {
            window(r, checks);
            EnergyChecks.energy(r, checks, ENERGY);
            checks.add(totalOfDomains(r));
            idle(r, checks);
            perToken(r, checks);
        }
        if (files.result().at(METRICS_SECTION).isObject()) {
            checks.addAll(LoadMetricChecks.checks(r));
        }
        return checks;
    }

    private static void window(Recompute r, List<Check> checks) {
        for (String pointer : List.of(LOAD_WINDOW, LOAD_BASELINE_WINDOW)) {
            Window w = r.files.windowAt(pointer);
            checks.add(check(r, pointer + "/" + DURATION_S,
                    w == null ? Recomputed.none("no such window") : Recomputed.of(w.durationS())));
        }
        EnergyChecks.edges(r, LOAD_WINDOW + "/", checks);
        checks.add(check(r, LOAD_DURATION, r.measuredDurationS()));
    }

    /** The total against its own domains as reported: a total that is not the sum of what it names fails here. */
    private static Check totalOfDomains(Recompute r) {
        Recomputed sum = r.totalIds == null ? Recomputed.none("summary.json lists no energy.total_domain_ids")
                : Recomputed.of(0);
        for (String id : r.totalIds == null ? List.<String>of() : r.totalIds) {
            Double e = r.files.reported(ENERGY_BY_DOMAIN, id);
            sum = sum.combine(e == null ? Recomputed.none("energy.energy_j_by_domain." + id + " is null or absent")
                    : Recomputed.of(e), Double::sum);
        }
        return Check.of(TOTAL_OF_DOMAINS_FIGURE, r.files.reported(TOTAL_ENERGY), sum, TOL);
    }

    private static void idle(Recompute r, List<Check> checks) {
        for (String id : r.files.keys(LOAD_IDLE_BY_DOMAIN, r.totalIds)) {
            checks.add(Check.of(Fields.figure(LOAD_IDLE_BY_DOMAIN) + "." + id,
                    r.files.reported(LOAD_IDLE_BY_DOMAIN, id), r.idleW(id), TOL));
        }
        checks.add(check(r, LOAD_IDLE_POWER, r.idleW));
    }

    private static void perToken(Recompute r, List<Check> checks) {
        Recomputed out = r.files.requests().problem() == null ? Recomputed.of(r.outputTokens)
                : Recomputed.none(r.files.requests().problem());
        checks.add(check(r, LOAD_MEAN_POWER, Recompute.ratio(r.totalJ, r.measuredDurationS())));
        checks.add(check(r, LOAD_OUTPUT_TOKENS, out));
        checks.add(check(r, LOAD_JOULES_PER_OUTPUT_TOKEN, Recompute.ratio(r.totalJ, out)));
        checks.add(check(r, LOAD_ACTIVE_JOULES_PER_OUTPUT_TOKEN, Recompute.ratio(r.activeJ, out)));
    }

    static Check check(Recompute r, String pointer, Recomputed recomputed) {
        return Check.of(Fields.figure(pointer), r.files.reported(pointer), recomputed, TOL);
    }
}
