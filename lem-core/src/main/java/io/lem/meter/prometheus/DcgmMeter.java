package io.lem.meter.prometheus;

import io.lem.time.Clock;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.MeterException;
import io.lem.meter.Quantity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code dcgm}: NVIDIA dcgm-exporter. Per GPU (the {@code gpu} label): the energy counter {@code
 * DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION} (mJ since boot) as domain {@code gpu<N>}, cumulative joules since open,
 * and {@code DCGM_FI_DEV_POWER_USAGE} (W) beside it as the gauge {@code gpu<N>:power_w}. A GPU without the energy
 * counter (before Volta) gets its power as the {@code gpu<N>} power domain instead, so that it still has energy.
 *
 * <p>A counter that goes down (driver reload, exporter restart) is taken as a reset to zero, the Prometheus rule
 * for counters: the energy since the reset is added, nothing is subtracted. With MIG, the exporter repeats board
 * fields per instance; the first sample of each {@code gpu} label is used, so a board is never counted twice.
 */
public final class DcgmMeter extends PolledMeter {

    static final String ENERGY = "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION";
    static final String POWER = "DCGM_FI_DEV_POWER_USAGE";

    private DcgmMeter(ExporterPoller poller, List<Domain> domains) {
        super(poller, domains);
    }

    public static DcgmMeter open(ExporterEndpoint endpoint, Clock clock) throws MeterException {
        ExporterPoller poller = new ExporterPoller(endpoint, clock);
        try {
            List<MetricFamily> first = poller.scrape();
            Map<Integer, Sample> energy = byGpu(first, ENERGY);
            Map<Integer, Sample> power = byGpu(first, POWER);
            String url = endpoint.url().toString();
            if (energy.isEmpty() && power.isEmpty()) {
                throw new MeterException(url + " has no " + ENERGY + " or " + POWER + " sample with a gpu label:"
                        + " enable both fields in dcgm-exporter's counters file (-f default-counters.csv)");
            }
            List<Channel> channels = new ArrayList<>();
            List<Domain> domains = new ArrayList<>();
            for (int gpu : union(energy, power)) {
                if (energy.containsKey(gpu)) {
                    channels.add(new Channel(ENERGY, gpu, new double[2]));
                    domains.add(new Domain("gpu" + gpu, DomainKind.GPU, Quantity.ENERGY_J, false,
                            "dcgm-exporter " + ENERGY + " (mJ) at " + url));
                }
                if (power.containsKey(gpu)) {
                    boolean gauge = energy.containsKey(gpu);
                    channels.add(new Channel(POWER, gpu, null));
                    domains.add(new Domain(gauge ? "gpu" + gpu + ":power_w" : "gpu" + gpu, DomainKind.GPU,
                            gauge ? Quantity.GAUGE : Quantity.POWER_W, false,
                            "dcgm-exporter " + POWER + " (W, driver-averaged) at " + url));
                }
            }
            Extractor extractor = new Extractor(url, List.copyOf(channels));
            poller.start("lem-scrape-dcgm", extractor::extract, first);
            return new DcgmMeter(poller, domains);
        } catch (MeterException | RuntimeException e) {
            poller.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "dcgm";
    }

    /** First sample per numeric {@code gpu} label, by GPU index. */
    static Map<Integer, Sample> byGpu(List<MetricFamily> families, String metric) {
        Map<Integer, Sample> out = new TreeMap<>();
        MetricFamily family = ScaphandreMeter.family(families, metric);
        if (family == null) {
            return out;
        }
        for (Sample s : family.samples()) {
            String gpu = s.label("gpu");
            if (gpu != null && !gpu.isEmpty() && gpu.chars().allMatch(Character::isDigit)) {
                out.putIfAbsent(Integer.parseInt(gpu), s);
            }
        }
        return out;
    }

    private static List<Integer> union(Map<Integer, Sample> a, Map<Integer, Sample> b) {
        TreeMap<Integer, Boolean> all = new TreeMap<>();
        a.keySet().forEach(k -> all.put(k, true));
        b.keySet().forEach(k -> all.put(k, true));
        return List.copyOf(all.keySet());
    }

    /**
     * One value per domain. For the energy counter, {@code counter} holds {previous raw mJ, cumulative mJ}, with
     * previous = NaN before the first scrape.
     */
    private record Channel(String metric, int gpu, double[] counter) {
        Channel {
            if (counter != null) {
                counter[0] = Double.NaN;
            }
        }
    }

    /** Runs on the scrape thread only, so the counter state needs no locking. */
    private record Extractor(String url, List<Channel> channels) {

        double[] extract(List<MetricFamily> families) throws MeterException {
            Map<Integer, Sample> energy = byGpu(families, ENERGY);
            Map<Integer, Sample> power = byGpu(families, POWER);
            double[] values = new double[channels.size()];
            for (int i = 0; i < values.length; i++) {
                Channel c = channels.get(i);
                Sample s = (c.counter() != null ? energy : power).get(c.gpu());
                if (s == null) {
                    throw new MeterException(url + ": no " + c.metric() + " sample for gpu " + c.gpu()
                            + " in this scrape");
                }
                values[i] = c.counter() == null ? s.value() : unwrap(c.counter(), s.value()) / 1000.0;
            }
            return values;
        }

        private static double unwrap(double[] state, double rawMj) {
            if (!Double.isNaN(state[0])) {
                state[1] += rawMj >= state[0] ? rawMj - state[0] : rawMj;
            }
            state[0] = rawMj;
            return state[1];
        }
    }
}
