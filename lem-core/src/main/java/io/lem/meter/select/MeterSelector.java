package io.lem.meter.select;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import io.lem.meter.nvml.NvmlProvider;
import io.lem.meter.prometheus.DcgmProvider;
import io.lem.meter.prometheus.ScaphandreProvider;
import io.lem.meter.smi.NvidiaSmiProvider;
import io.lem.meter.Domain;
import io.lem.meter.process.HostEstimateProvider;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterProvider;
import io.lem.meter.MeterSelection;
import io.lem.meter.MeterStatus;
import io.lem.meter.process.ProcessProvider;
import io.lem.meter.rapl.RaplProvider;

/**
 * Chooses and opens meters by name. {@code auto} opens every available provider that is in auto: RAPL when
 * readable, and the engine's process meter (RAPL share when RAPL is readable, else the CPU estimate) when a pid is
 * given. Explicit names open exactly those meters and fail with the reason and the fix when one is unavailable.
 */
public final class MeterSelector {

    public static final String AUTO = "auto";

    private final Map<String, MeterProvider> providers = new LinkedHashMap<>();

    public MeterSelector(List<MeterProvider> providers) {
        for (MeterProvider p : providers) {
            if (this.providers.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("two meter providers named '" + p.name() + "'");
            }
        }
    }

    /** lem's providers ({@code rapl}, {@code process}, {@code process-estimate}). */
    public static List<MeterProvider> builtIns() {
        // order matters under auto: of two meters reporting the same domain, the earlier one is used
        return List.of(new RaplProvider(), new HostEstimateProvider(), new NvmlProvider(), new DcgmProvider(),
                new NvidiaSmiProvider(), new ScaphandreProvider(), ProcessProvider.attributed(),
                ProcessProvider.estimateOnly());
    }

    /** The built-ins plus any provider on the class path registered for {@link ServiceLoader}. */
    public static MeterSelector withDiscoveredProviders() {
        List<MeterProvider> all = new ArrayList<>(builtIns());
        ServiceLoader.load(MeterProvider.class).forEach(all::add);
        return new MeterSelector(all);
    }

    public List<String> names() {
        return List.copyOf(providers.keySet());
    }

    /** Availability of every known meter, nothing opened ({@code lem meters}; no pid needed). */
    public List<MeterStatus> probe(MeterContext context) {
        List<MeterStatus> out = new ArrayList<>();
        for (MeterProvider p : providers.values()) {
            MeterProvider.Probe probe = p.probe(context);
            out.add(new MeterStatus(p.name(), probe.available(), false, probe.reason(), probe.fix()));
        }
        return out;
    }

    /**
     * Opens the requested meters.
     *
     * @param requested {@code ["auto"]} or explicit names
     * @throws MeterException for an unknown name, or an explicitly requested meter that is unavailable or fails to
     *                        open (the message has the reason and the fix)
     */
    public MeterSelection select(List<String> requested, MeterContext context) throws MeterException {
        if (requested.isEmpty()) {
            throw new MeterException("no meter requested: use 'auto' or one of " + names());
        }
        boolean auto = requested.contains(AUTO);
        if (auto && requested.size() > 1) {
            throw new MeterException("'auto' cannot be combined with other meters: " + requested);
        }
        for (String name : requested) {
            if (!auto && !providers.containsKey(name)) {
                throw new MeterException("unknown meter '" + name + "': use 'auto' or one of " + names());
            }
        }
        List<Meter> opened = new ArrayList<>();
        List<MeterStatus> statuses = new ArrayList<>();
        try {
            for (MeterProvider p : providers.values()) {
                boolean wanted = auto ? p.inAuto() : requested.contains(p.name());
                MeterProvider.Probe probe = p.probe(context);
                if (!wanted) {
                    statuses.add(new MeterStatus(p.name(), probe.available(), false,
                            auto ? "not used by auto (request it by name)" : "not requested", probe.fix()));
                    continue;
                }
                if (probe.available() && context.enginePid().isEmpty() && p instanceof ProcessProvider) {
                    probe = MeterProvider.Probe.unavailable("no engine pid given: the process meter measures"
                            + " the engine lem launches", null);
                }
                if (!probe.available()) {
                    if (!auto) {
                        throw new MeterException("meter '" + p.name() + "' is not available: " + probe.reason()
                                + (probe.fix() == null ? "" : ". " + probe.fix()));
                    }
                    statuses.add(new MeterStatus(p.name(), false, false, probe.reason(), probe.fix()));
                    continue;
                }
                Meter meter;
                try {
                    meter = p.open(context);
                } catch (MeterException e) {
                    if (!auto) {
                        throw e;
                    }
                    statuses.add(new MeterStatus(p.name(), false, false, e.getMessage(), probe.fix()));
                    continue;
                }
                String clash = auto ? clash(opened, meter) : null;
                if (clash != null) {
                    // earlier providers are the better source of the same domain (NVML before nvidia-smi,
                    // Scaphandre before lem's own process attribution)
                    meter.close();
                    statuses.add(new MeterStatus(p.name(), true, false, "not used: domain '" + clash
                            + "' already comes from a better source", null));
                    continue;
                }
                opened.add(meter);
                statuses.add(new MeterStatus(p.name(), true, true, probe.reason(), null));
            }
            checkUniqueDomains(opened);
        } catch (MeterException | RuntimeException e) {
            opened.forEach(Meter::close);
            throw e;
        }
        return new MeterSelection(opened, statuses);
    }

    /** The first domain id of {@code candidate} that an opened meter reports already, or null. */
    private static String clash(List<Meter> opened, Meter candidate) {
        Set<String> ids = new HashSet<>();
        opened.forEach(m -> m.domains().forEach(d -> ids.add(d.id())));
        return candidate.domains().stream().map(Domain::id).filter(ids::contains).findFirst().orElse(null);
    }

    private static void checkUniqueDomains(List<Meter> meters) throws MeterException {
        Set<String> ids = new HashSet<>();
        for (Meter m : meters) {
            for (Domain d : m.domains()) {
                if (!ids.add(d.id())) {
                    throw new MeterException("two meters report domain '" + d.id() + "' (the second is '" + m.name()
                            + "'): request only one of them");
                }
            }
        }
    }
}
