package io.lem.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lem.meter.Domain;
import io.lem.meter.PowerTrace;
import io.lem.meter.Quantity;

/**
 * Energy and mean power of every energy domain of a trace over one window, the totals {@link DomainPolicy} allows,
 * and, where an idle baseline is given, the energy above it per domain and for the total ({@link ActiveEnergy}:
 * E_active = E − P_idle·Δt, null where negative). The one implementation of window, idle and active figures, used by
 * {@code lem run}, {@code lem load --meters} and {@code lem power}. Gauges are left out: they are kept in the trace
 * and the CSV, never summed.
 *
 * @param durationS     the window once clamped to the trace
 * @param samples       trace rows inside the window
 * @param domains       one figure per ENERGY_J or POWER_W domain, in trace order
 * @param totals        which domains make each total, and why others were left out
 * @param figures       the totals' energies over the window
 * @param idleTotalPowerW the idle power of the total's domains (NaN without a baseline for all of them)
 * @param warnings      from the windows' computation, each once
 */
public record PowerSummary(double durationS, int samples, List<DomainFigure> domains, EnergyTotals totals,
                           EnergyTotals.Figures figures, double idleTotalPowerW, List<String> warnings) {

    public PowerSummary {
        domains = List.copyOf(domains);
        warnings = List.copyOf(warnings);
    }

    /**
     * One domain over the window.
     *
     * @param window     its energy, sample count, largest gap and warnings
     * @param idlePowerW baseline power of this domain, NaN when it has none (a process that did not exist yet)
     * @param active     energy above the baseline ({@link ActiveEnergy#NONE} without one)
     */
    public record DomainFigure(Domain domain, WindowEnergy window, double meanPowerW, double idlePowerW,
                               ActiveEnergy active) {

        public double energyJ() {
            return window.energyJ();
        }
    }

    /**
     * @param idlePowerWByDomainId the baseline power per domain id (from {@link #idlePowers}); empty for none
     */
    public static PowerSummary of(PowerTrace trace, long t0Ns, long t1Ns, long periodNs,
                                  Map<String, Double> idlePowerWByDomainId) {
        double durationS = WindowEnergy.clampedDurationS(trace, t0Ns, t1Ns);
        List<Domain> energyDomains = trace.domains().stream().filter(d -> d.quantity() != Quantity.GAUGE).toList();
        Map<String, WindowEnergy> windows = WindowEnergy.ofDomains(trace,
                energyDomains.stream().map(Domain::id).toList(), t0Ns, t1Ns, periodNs);
        Set<String> warnings = new LinkedHashSet<>();
        List<DomainFigure> figures = new ArrayList<>();
        for (Domain d : energyDomains) {
            WindowEnergy w = windows.get(d.id());
            warnings.addAll(w.warnings());
            double idle = idlePowerWByDomainId.getOrDefault(d.id(), Double.NaN);
            figures.add(new DomainFigure(d, w, durationS > 0 ? w.energyJ() / durationS : Double.NaN,
                    idle, Double.isNaN(idle) ? ActiveEnergy.NONE : ActiveEnergy.of(w.energyJ(), idle, durationS)));
        }
        EnergyTotals totals = DomainPolicy.totals(energyDomains);
        double idleTotal = totals.totalDomainIds().isEmpty() ? Double.NaN : 0;
        for (String id : totals.totalDomainIds()) {
            idleTotal += idlePowerWByDomainId.getOrDefault(id, Double.NaN);
        }
        int samples = (int) Arrays.stream(trace.timesNs()).filter(t -> t >= t0Ns && t <= t1Ns).count();
        return new PowerSummary(durationS, samples, figures, totals, totals.sum(WindowEnergy.energiesJ(windows)),
                idleTotal, new ArrayList<>(warnings));
    }

    /** A gauge's samples (temperature, utilisation, clock) inside [t0, t1]: their distribution, never a sum. */
    public static Distribution gauge(PowerTrace trace, int domainIndex, long t0Ns, long t1Ns) {
        long[] times = trace.timesNs();
        double[] values = trace.values(domainIndex);
        return Distribution.of(java.util.stream.IntStream.range(0, times.length)
                .filter(i -> times[i] >= t0Ns && times[i] <= t1Ns).mapToDouble(i -> values[i]).toArray());
    }

    /** Idle power of every energy domain over a whole baseline trace; warnings go into {@code warnings}. */
    public static Map<String, Double> idlePowers(PowerTrace baseline, long periodNs, List<String> warnings) {
        long[] t = baseline.timesNs();
        if (t.length < 2) {
            warnings.add("baseline has " + t.length + " sample(s): no idle power, active energy not computed");
            return new LinkedHashMap<>();
        }
        return idlePowers(baseline, t[0], t[t.length - 1], periodNs, warnings);
    }

    /** Idle power of every energy domain over the window [t0, t1] of a trace. */
    public static Map<String, Double> idlePowers(PowerTrace trace, long t0Ns, long t1Ns, long periodNs,
                                                 List<String> warnings) {
        Map<String, Double> out = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int d = 0; d < trace.domains().size(); d++) {
            if (trace.domains().get(d).quantity() == Quantity.GAUGE) {
                continue;
            }
            Baseline b = Baseline.of(trace, d, t0Ns, t1Ns, periodNs);
            seen.addAll(b.warnings());
            out.put(trace.domains().get(d).id(), b.idlePowerW());
        }
        seen.forEach(w -> warnings.add("baseline: " + w));
        return out;
    }

    /**
     * Total energy above the idle power of the total's domains ({@link ActiveEnergy#NONE} without a baseline); its
     * {@link ActiveEnergy#invalidWarning} says when the baseline is not valid for this window.
     */
    public ActiveEnergy totalActive() {
        return Double.isNaN(idleTotalPowerW) ? ActiveEnergy.NONE
                : ActiveEnergy.of(figures.totalEnergyJ(), idleTotalPowerW, durationS);
    }

    /** Energy per domain id over the window, in trace order. */
    public Map<String, Double> energiesJ() {
        Map<String, Double> out = new LinkedHashMap<>();
        domains.forEach(f -> out.put(f.domain().id(), f.energyJ()));
        return out;
    }

    /** Mean power of the total over the window. */
    public double meanTotalPowerW() {
        return durationS > 0 ? figures.totalEnergyJ() / durationS : Double.NaN;
    }

    /** The figure of one domain, or null. */
    public DomainFigure domain(String id) {
        return domains.stream().filter(f -> f.domain().id().equals(id)).findFirst().orElse(null);
    }
}
