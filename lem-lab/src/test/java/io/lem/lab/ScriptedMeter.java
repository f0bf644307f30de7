package io.lem.lab;

import java.util.List;
import java.util.function.DoubleSupplier;

import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Meter;
import io.lem.meter.MeterStatus;
import io.lem.meter.Quantity;
import io.lem.measure.MeterFactory;

/**
 * A CPU package whose power a test scripts (the lowest boundary: what a RAPL counter would read), so that a run's
 * energy has a value the test computes on its own.
 */
final class ScriptedMeter implements Meter {

    private final DoubleSupplier powerW;
    private final Domain domain = new Domain("cpu-package0", DomainKind.CPU_PACKAGE, Quantity.POWER_W, false,
            "scripted power for tests");

    ScriptedMeter(DoubleSupplier powerW) {
        this.powerW = powerW;
    }

    static MeterFactory factory(DoubleSupplier powerW) {
        return (names, pid) -> new MeterFactory.Opened(List.of(new ScriptedMeter(powerW)),
                List.of(new MeterStatus("scripted", true, true, "test meter", null)));
    }

    /** No meter at all: the Lab falls back to benchmark estimates. */
    static MeterFactory none() {
        return (names, pid) -> new MeterFactory.Opened(List.of(), List.of());
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public List<Domain> domains() {
        return List.of(domain);
    }

    @Override
    public void read(double[] into, int offset) {
        into[offset] = powerW.getAsDouble();
    }
}
