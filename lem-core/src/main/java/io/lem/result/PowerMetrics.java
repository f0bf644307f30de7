package io.lem.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.lem.meter.Domain;
import io.lem.meter.MeterException;
import io.lem.meter.Quantity;
import io.lem.meter.SampleListener;

/**
 * The latest readings of every domain as Prometheus text exposition format 0.0.4, for {@code lem power serve}.
 *
 * <ul>
 *   <li>{@code lem_energy_joules_total{domain,kind,method}} (counter): energy since the exporter started: the
 *       unwrapped counter for energy domains, the trapezoidal integral of the samples for power sensors.</li>
 *   <li>{@code lem_power_watts{domain,kind,method}} (gauge): a power sensor's last reading; for a counter, the mean
 *       power over the last sampling interval (a counter has no instant value).</li>
 *   <li>{@code lem_estimated{domain}} (gauge): 1 when the figures come from a model.</li>
 *   <li>{@code lem_gauge_<unit>{domain}} (gauge): other readings, one metric per id suffix ({@code gpu0:temperature_c}
 *       gives {@code lem_gauge_temperature_c{domain="gpu0"}}), so a metric never mixes units.</li>
 *   <li>{@code lem_samples_total}, {@code lem_sample_errors_total{meter}} (counters): to tell a stalled meter.</li>
 * </ul>
 * Written by the sampler thread, read by HTTP threads: both sides synchronise on this object.
 */
public final class PowerMetrics implements SampleListener {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final List<Domain> domains;
    private final double[] last;
    private final double[] previous;
    private final double[] integratedJ;
    private long lastNs;
    private long previousNs;
    private long samples;
    private final Map<String, Long> errors = new LinkedHashMap<>();

    public PowerMetrics(List<Domain> domains) {
        this.domains = List.copyOf(domains);
        this.last = new double[domains.size()];
        this.previous = new double[domains.size()];
        this.integratedJ = new double[domains.size()];
    }

    @Override
    public void onStart(List<Domain> started) {
    }

    @Override
    public synchronized void onSample(long timeNs, double[] row) {
        System.arraycopy(last, 0, previous, 0, last.length);
        System.arraycopy(row, 0, last, 0, last.length);
        previousNs = lastNs;
        lastNs = timeNs;
        samples++;
        if (samples > 1) {
            double dtS = (lastNs - previousNs) / 1e9;
            for (int d = 0; d < domains.size(); d++) {
                if (domains.get(d).quantity() == Quantity.POWER_W) {
                    integratedJ[d] += dtS * (previous[d] + last[d]) / 2;
                }
            }
        }
    }

    @Override
    public synchronized void onError(String meterName, MeterException error) {
        errors.merge(meterName, 1L, Long::sum);
    }

    /** The exposition text of the latest sample. */
    public synchronized String render() {
        StringBuilder out = new StringBuilder(2048);
        List<Integer> energy = new ArrayList<>();
        Map<String, List<Integer>> gauges = new LinkedHashMap<>();
        for (int d = 0; d < domains.size(); d++) {
            if (domains.get(d).quantity() == Quantity.GAUGE) {
                gauges.computeIfAbsent(unit(domains.get(d).id()), k -> new ArrayList<>()).add(d);
            } else {
                energy.add(d);
            }
        }
        family(out, "lem_energy_joules_total", "counter", "Energy since lem power serve started, per domain;"
                + " method: counter (hardware counter), power-integration (trapezoids of power samples), estimate"
                + " (a model).");
        for (int d : energy) {
            Domain domain = domains.get(d);
            double value = domain.quantity() == Quantity.ENERGY_J ? last[d] : integratedJ[d];
            sample(out, "lem_energy_joules_total", domainLabels(domain), value);
        }
        family(out, "lem_power_watts", "gauge", "Power per domain: a power sensor's last reading; for an energy"
                + " counter, the mean power over the last sampling interval.");
        for (int d : energy) {
            Domain domain = domains.get(d);
            sample(out, "lem_power_watts", domainLabels(domain), power(d));
        }
        family(out, "lem_estimated", "gauge", "1 when the domain's figures come from a model, 0 when measured.");
        for (int d : energy) {
            sample(out, "lem_estimated", "domain=\"" + escape(domains.get(d).id()) + "\"",
                    domains.get(d).estimated() ? 1 : 0);
        }
        gauges.forEach((unit, indexes) -> {
            String name = "lem_gauge_" + unit;
            family(out, name, "gauge", "Reading '" + unit + "' of each domain that reports it (the unit is the name's"
                    + " suffix).");
            for (int d : indexes) {
                String id = domains.get(d).id();
                int colon = id.lastIndexOf(':');
                sample(out, name, "domain=\"" + escape(colon < 0 ? id : id.substring(0, colon)) + "\"", last[d]);
            }
        });
        family(out, "lem_samples_total", "counter", "Sampling rounds since start (all meters read once each).");
        sample(out, "lem_samples_total", null, samples);
        family(out, "lem_sample_errors_total", "counter", "Failed reads per meter (the row is skipped).");
        errors.forEach((meter, n) -> sample(out, "lem_sample_errors_total", "meter=\"" + escape(meter) + "\"", n));
        return out.toString();
    }

    private double power(int d) {
        Domain domain = domains.get(d);
        if (domain.quantity() == Quantity.POWER_W) {
            return samples == 0 ? Double.NaN : last[d];
        }
        return samples < 2 || lastNs == previousNs ? Double.NaN : (last[d] - previous[d]) / ((lastNs - previousNs) / 1e9);
    }

    private static String domainLabels(Domain d) {
        return "domain=\"" + escape(d.id()) + "\",kind=\"" + d.kind().name().toLowerCase(Locale.ROOT)
                + "\",method=\"" + d.method() + "\"";
    }

    /** The id's suffix after the last colon, reduced to the metric-name alphabet. */
    private static String unit(String id) {
        String suffix = id.substring(id.lastIndexOf(':') + 1);
        return suffix.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ')
                .append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name);
        if (labels != null) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    /** Go's ParseFloat syntax, which Prometheus reads: NaN, +Inf, -Inf, else Java's shortest repr. */
    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(v);
    }

    private static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
