package io.lem.verify;

import static io.lem.verify.Fields.*;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.DoubleStream;

/**
 * The figures everything else is derived from, recomputed once from the raw files: windows from the timeline, energy
 * from power.csv, idle power from the baseline window, tokens from requests.jsonl.
 */
final class Recompute {

    final RunFiles files;
    final Window measured;
    final Window baseline;
    final List<String> totalIds;
    final Recomputed totalJ;
    final Recomputed idleW;
    final Recomputed activeRawJ;
    final Recomputed activeJ;
    final List<RequestRows.Request> measuredOk;
    final long outputTokens;
    final long inputTokens;

    /** lem run's result.json: windows from its timeline, the total's domains from its methods. */
    Recompute(RunFiles files) {
        this(files, files.window(MEASURED_WINDOW), files.window(BASELINE_WINDOW), files.ids(TOTAL_IDS));
    }

    /** Any report: its measured and baseline windows (null for none) and the ids its total sums. */
    Recompute(RunFiles files, Window measured, Window baseline, List<String> totalIds) {
        this.files = files;
        this.measured = measured;
        this.baseline = baseline;
        this.totalIds = totalIds;
        this.totalJ = sum(totalIds, measured);
        this.idleW = idleW(totalIds);
        this.activeRawJ = measured == null ? Recomputed.none("no measured window")
                : totalJ.combine(idleW, (e, p) -> e - p * measured.durationS());
        this.activeJ = nonNegative(activeRawJ);
        this.measuredOk = files.requests().rows().stream().filter(RequestRows.Request::measuredOk).toList();
        this.outputTokens = measuredOk.stream().mapToLong(RequestRows.Request::completionTokens).sum();
        this.inputTokens = measuredOk.stream().mapToLong(RequestRows.Request::promptTokens).sum();
    }

    /** Joules of the listed domains over a window; null when the list or the window is missing. */
    Recomputed sum(List<String> ids, Window window) {
        if (ids == null) {
            return Recomputed.none("the report lists no domain ids for this sum (result.json methods.*_domain_ids,"
                    + " summary.json energy.*_domain_ids)");
        }
        if (ids.isEmpty()) {
            return Recomputed.none("no domains of this kind");
        }
        return files.trace().sumJ(ids, window);
    }

    /** One domain's idle power: its energy over the baseline window / the part of the window its samples cover. */
    Recomputed idleW(String id) {
        if (baseline == null) {
            return Recomputed.none("no baseline window");
        }
        return idleW(List.of(id), baseline);
    }

    Recomputed idleW(List<String> ids) {
        if (baseline == null) {
            return Recomputed.none("no baseline window");
        }
        if (ids == null) {
            return Recomputed.none("the report lists no total_domain_ids");
        }
        Recomputed sum = Recomputed.of(0);
        for (String id : ids) {
            sum = sum.combine(idleW(id), Double::sum);
        }
        return sum;
    }

    /** Power of the listed domains over any window (the baseline's, or the after-run window's). */
    Recomputed idleW(List<String> ids, Window window) {
        Recomputed energy = sum(ids, window);
        if (!energy.present()) {
            return energy;
        }
        Recomputed covered = files.trace().coveredS(ids, window);
        if (covered.present() && covered.value() <= 0) {
            return Recomputed.none("window has zero duration");
        }
        return energy.combine(covered, (e, s) -> e / s);
    }

    /** Active energy of the listed domains over a window: E − P_idle × duration, null when negative. */
    Recomputed activeJ(List<String> ids, Window window) {
        if (window == null) {
            return Recomputed.none("no such window");
        }
        Recomputed raw = sum(ids, window).combine(idleW(ids), (e, p) -> e - p * window.durationS());
        return nonNegative(raw);
    }

    static Recomputed nonNegative(Recomputed raw) {
        if (raw.present() && Math.abs(raw.value()) <= Tolerances.ABSOLUTE_FLOOR) {
            return raw.orNull("0 within rounding: null (negative) agrees as well");
        }
        if (raw.present() && raw.value() < 0) {
            return Recomputed.none("negative (" + raw.value() + " J): the energy is below idle power × duration, "
                    + "so the baseline is not valid for this window");
        }
        return raw;
    }

    /** The first send_s of the measured requests in requests.jsonl (any status). */
    Recomputed firstMeasuredSendS() {
        return measuredEdge(RequestRows.Request::sendS, true);
    }

    /** The last end_s of the measured requests in requests.jsonl (any status). */
    Recomputed lastMeasuredEndS() {
        return measuredEdge(RequestRows.Request::endS, false);
    }

    private Recomputed measuredEdge(Function<RequestRows.Request, Double> field, boolean first) {
        String why = files.requests().problem() != null ? files.requests().problem()
                : "no measured request with send_s and end_s";
        DoubleStream times = files.requests().rows().stream().filter(RequestRows.Request::measured).map(field)
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue);
        OptionalDouble edge = first ? times.min() : times.max();
        return edge.isPresent() ? Recomputed.of(edge.getAsDouble()) : Recomputed.none(why);
    }

    Recomputed measuredDurationS() {
        return measured == null ? Recomputed.none("no measured window") : Recomputed.of(measured.durationS());
    }

    /** a / b, null when b is zero or either is null. */
    static Recomputed ratio(Recomputed a, Recomputed b) {
        if (b.present() && b.value() == 0) {
            return Recomputed.none("division by zero");
        }
        return a.combine(b, (x, y) -> x / y);
    }
}
