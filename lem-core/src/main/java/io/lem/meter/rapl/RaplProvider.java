package io.lem.meter.rapl;

import java.util.stream.Collectors;
import io.lem.meter.Domain;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterProvider;

/** {@code rapl}: {@link RaplMeter} over the context's powercap root. */
public final class RaplProvider implements MeterProvider {

    @Override
    public String name() {
        return "rapl";
    }

    @Override
    public Probe probe(MeterContext context) {
        try (RaplMeter meter = RaplMeter.open(context.powercapRoot(), context.reader())) {
            return Probe.available("readable: " + meter.domains().stream().map(Domain::id)
                    .collect(Collectors.joining(", ")) + " under " + context.powercapRoot());
        } catch (MeterException e) {
            boolean denied = e.getMessage().startsWith("permission denied");
            return Probe.unavailable(denied ? "permission denied reading " + context.powercapRoot()
                            + "/*/energy_uj (root-only since Linux 5.10)" : e.getMessage(),
                    denied ? RaplMeter.permissionFix(context.powercapRoot()) : null);
        }
    }

    @Override
    public Meter open(MeterContext context) throws MeterException {
        return RaplMeter.open(context.powercapRoot(), context.reader());
    }
}
