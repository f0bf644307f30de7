package io.lem.report;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.lem.report.model.Format;
import io.lem.report.model.PointRow;
import io.lem.report.model.RunData;
import io.lem.result.ResultFile;
import io.lem.result.SummaryFile;

/** The summary and methodology sections: label → text, in display order. */
final class Sections {

    private Sections() {
    }

    static Map<String, String> summary(List<PointRow> points) {
        Map<String, String> s = new LinkedHashMap<>();
        List<RunData> runs = points.stream().flatMap(p -> p.runs().stream()).toList();
        s.put("points", String.valueOf(points.size()));
        s.put("measured runs", String.valueOf(runs.size()));
        long requests = runs.stream().mapToLong(r -> r.measuredOk().size()).sum();
        s.put("measured OK requests", String.valueOf(requests));
        double energyJ = runs.stream().map(Sections::totalEnergyJ).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).sum();
        boolean estimated = runs.stream().anyMatch(RunData::estimated);
        s.put("energy of the measured windows (J)", Format.num(energyJ) + (estimated ? " (estimated)" : ""));
        points.stream().filter(p -> p.joulesPerOutputToken().mean() != null)
                .min(Comparator.comparingDouble(p -> p.joulesPerOutputToken().mean()))
                .ifPresent(p -> s.put("lowest J/output token", Format.ci(p.joulesPerOutputToken()) + " at "
                        + p.label() + (p.estimated() ? " (estimated)" : "")));
        runs.stream().map(Sections::anchor).filter(Objects::nonNull).findFirst()
                .ifPresent(a -> s.put("first run started (wall clock)", a));
        return s;
    }

    private static Double totalEnergyJ(RunData r) {
        if (r.result() != null) {
            return r.result().energy() == null ? null : r.result().energy().totalEnergyJ();
        }
        return r.summary().energy() == null ? null : r.summary().energy().totalEnergyJ();
    }

    private static String anchor(RunData r) {
        if (r.result() != null) {
            return r.result().timeline() == null ? null : r.result().timeline().wallClockAnchor();
        }
        return r.summary().run().startedAt();
    }

    static Map<String, String> methodology(List<RunData> runs) {
        Map<String, String> m = new LinkedHashMap<>();
        if (runs.isEmpty()) {
            return m;
        }
        RunData first = runs.getFirst();
        ResultFile r = first.result();
        if (r != null && r.methods() != null) {
            for (ResultFile.Domain d : r.methods().domains()) {
                m.put("meter " + d.id(), d.kind() + ", " + d.method() + (d.estimated() ? " (estimated)" : " (measured)")
                        + (d.source() == null ? "" : ": " + d.source()));
            }
            m.put("total energy", r.methods().totalEstimated() ? "estimated (a modelled domain is in the total)"
                    : "measured");
            m.put("sample rate (Hz)", Format.num(r.methods().sampleRateHz()));
        }
        if (r != null && r.timeline() != null) {
            m.put("baseline window", "idle power before the load, subtracted for active energy"
                    + (r.baseline() == null ? "" : "; " + Format.num(r.baseline().durationS()) + " s at "
                    + Format.num(r.baseline().powerW()) + " W"));
            m.put("warm-up", "excluded from every figure; stopped by " + r.timeline().warmupStoppedBecause());
            m.put("measured window", "first measured send to last measured end");
            m.put("steady-state window", r.steadyState() == null || r.steadyState().rule() == null
                    ? "none in this run" : r.steadyState().rule());
        }
        if (first.summary() != null) {
            SummaryFile.Run run = first.summary().run();
            m.put("load", run.api() + " at " + run.endpoint() + ", arrival " + run.arrival()
                    + (run.stream() ? ", streamed" : ""));
            m.put("energy", first.summary().energy() == null ? "not measured (lem load without --meters)"
                    : first.estimated() ? "estimated" : "measured");
        }
        Map<?, ?> attribution = Analysis.map(first.tree().get("attribution"));
        attribution.forEach((k, v) -> {
            if (k.equals("time_sharing") || k.equals("token_proportional")) {
                m.put("per-request energy, " + String.valueOf(k).replace('_', '-'), String.valueOf(v));
            }
        });
        m.put("per-request energy, ML.ENERGY steady-state", "steady-state active J/output token x the request's "
                + "output tokens (ml-energy/benchmark's derivation)");
        Map<?, ?> env = Analysis.map(first.tree().get("environment"));
        for (String k : List.of("cpu_model", "logical_cpus", "gpus", "os", "kernel", "jvm", "lem_version")) {
            if (env.get(k) != null) {
                m.put("environment " + k.replace('_', ' '), String.valueOf(env.get(k)));
            }
        }
        return m;
    }
}
