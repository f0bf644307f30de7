package io.lem.meter.prometheus;

import io.lem.time.Clock;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.MeterException;
import io.lem.meter.Quantity;
import io.lem.meter.SysfsReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code scaphandre}: host power ({@code scaph_host_power_microwatts}, domain {@code host}, kind
 * {@link DomainKind#HOST_CPU}: Scaphandre builds it from RAPL, psys where present, else the sockets' packages + DRAM,
 * so GPUs add on top of it) and, when a process is
 * selected, the summed power of the selected processes ({@code scaph_process_power_consumption_microwatts},
 * domain {@code process:<pid>} for the engine's tree, {@code process:<selector>} otherwise). Both are power
 * domains integrated by trapezoids like any sampled power. Scaphandre's per-process figure is its own split of the
 * measured RAPL power by CPU time, so it is reported as measured, not estimated.
 */
public final class ScaphandreMeter extends PolledMeter {

    static final String HOST_POWER = "scaph_host_power_microwatts";
    static final String PROCESS_POWER = "scaph_process_power_consumption_microwatts";

    /** Scaphandre's host power is the RAPL side of the machine, never a wall figure. */
    static final String HOST_SCOPE = "CPU side: RAPL psys, or packages + DRAM; GPUs not included";

    private ScaphandreMeter(ExporterPoller poller, List<Domain> domains) {
        super(poller, domains);
    }

    /**
     * Scrapes once to check the exporter and the process selection, then keeps scraping in the background.
     *
     * @param process  which processes to measure; empty for host power only
     * @param procRoot the procfs root, used to walk the tree of a {@link ProcessSelector.Tree}
     */
    public static ScaphandreMeter open(ExporterEndpoint endpoint, Optional<ProcessSelector> process, Path procRoot,
                                       SysfsReader reader, Clock clock) throws MeterException {
        ExporterPoller poller = new ExporterPoller(endpoint, clock);
        try {
            List<MetricFamily> first = poller.scrape();
            List<Domain> domains = new ArrayList<>();
            String url = endpoint.url().toString();
            domains.add(new Domain("host", DomainKind.HOST_CPU, Quantity.POWER_W, false,
                    "scaphandre " + HOST_POWER + " at " + url + " (" + HOST_SCOPE + ")"));
            process.ifPresent(p -> domains.add(new Domain(processDomainId(p), DomainKind.PROCESS, Quantity.POWER_W,
                    false, "scaphandre " + PROCESS_POWER + " (" + p.describe() + ") at " + url)));
            Extractor extractor = new Extractor(url, process, procRoot, reader);
            poller.start("lem-scrape-scaphandre", extractor::extract, first);
            return new ScaphandreMeter(poller, domains);
        } catch (MeterException | RuntimeException e) {
            poller.close();
            throw e;
        }
    }

    static String processDomainId(ProcessSelector selector) {
        if (selector instanceof ProcessSelector.Tree(int rootPid)) {
            return "process:" + rootPid;
        }
        return "process:" + selector.describe().replace(',', '_').replace('\n', '_').replace('\r', '_');
    }

    @Override
    public String name() {
        return "scaphandre";
    }

    /** Runs on the scrape thread: µW to W, and the sum over the selected processes. */
    private record Extractor(String url, Optional<ProcessSelector> process, Path procRoot, SysfsReader reader) {

        double[] extract(List<MetricFamily> families) throws MeterException {
            MetricFamily host = family(families, HOST_POWER);
            if (host == null || host.samples().isEmpty()) {
                throw new MeterException(url + " has no " + HOST_POWER + ": is it Scaphandre's exporter"
                        + " (scaphandre prometheus)?");
            }
            double hostW = host.samples().getFirst().value() / 1e6;
            if (process.isEmpty()) {
                return new double[]{hostW};
            }
            ProcessSelector selector = process.get();
            Set<Integer> tree = selector instanceof ProcessSelector.Tree(int rootPid)
                    ? ProcessTree.pids(procRoot, rootPid, reader) : Set.of();
            if (selector instanceof ProcessSelector.Tree t && tree.isEmpty()) {
                throw new MeterException("engine process " + t.rootPid() + " not found under " + procRoot);
            }
            MetricFamily perProcess = family(families, PROCESS_POWER);
            double sumUw = 0;
            int matched = 0;
            if (perProcess != null) {
                for (Sample s : perProcess.samples()) {
                    if (selector.matches(s, tree)) {
                        sumUw += s.value();
                        matched++;
                    }
                }
            }
            if (matched == 0) {
                throw new MeterException("no " + PROCESS_POWER + " sample at " + url + " matches "
                        + selector.describe() + (perProcess == null ? " (the metric is absent)"
                        : " among " + perProcess.samples().size() + " processes")
                        + ": check the selector against the exe/cmdline/pid labels Scaphandre reports");
            }
            return new double[]{hostW, sumUw / 1e6};
        }
    }

    static MetricFamily family(List<MetricFamily> families, String name) {
        for (MetricFamily f : families) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
