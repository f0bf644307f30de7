package io.lem.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.lem.meter.Clock;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Meter;
import io.lem.meter.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergySessionTest {

    @TempDir
    Path tmp;

    @Test
    void noIdleTimeIsAnEmptyWindowNotAFewMicroseconds() throws Exception {
        // a zero-length baseline or after window used to span the bookkeeping between two clock reads, and a
        // "power" computed over those microseconds gave a 1592 % drift warning with baseline_after_s: 0
        Meter constant = new Meter() {
            @Override
            public String name() {
                return "constant";
            }

            @Override
            public List<Domain> domains() {
                return List.of(new Domain("host", DomainKind.HOST, Quantity.POWER_W, false, "test"));
            }

            @Override
            public void read(double[] into, int offset) {
                into[offset] = 5;
            }
        };
        try (EnergySession session = EnergySession.start(new MeterFactory.Opened(List.of(constant), List.of()),
                Clock.system(), 100, tmp.resolve("power.csv"))) {
            long[] none = session.idle(0);
            assertThat(none[1]).isEqualTo(none[0]);
            long[] some = session.idle(0.02);
            assertThat(some[1] - some[0]).isGreaterThanOrEqualTo(20_000_000L);
        }
    }
}
