package io.lem.meter.prometheus;

import java.util.List;

import io.lem.meter.Domain;
import io.lem.meter.Meter;
import io.lem.meter.MeterException;

/**
 * A meter whose values an {@link ExporterPoller} scrapes on its own thread: a read only copies the latest values
 * (failing when they are stale), so a slow exporter never stalls the sampler.
 */
abstract sealed class PolledMeter implements Meter permits DcgmMeter, ScaphandreMeter {

    private final ExporterPoller poller;
    private final List<Domain> domains;

    PolledMeter(ExporterPoller poller, List<Domain> domains) {
        this.poller = poller;
        this.domains = List.copyOf(domains);
    }

    @Override
    public final List<Domain> domains() {
        return domains;
    }

    @Override
    public final void read(double[] into, int offset) throws MeterException {
        poller.copyLatest(into, offset);
    }

    /** Odd exporter lines that were skipped or noted, once per kind (see {@link ExporterPoller#warnings()}). */
    @Override
    public final List<String> warnings() {
        return poller.warnings();
    }

    @Override
    public final void close() {
        poller.close();
    }
}
