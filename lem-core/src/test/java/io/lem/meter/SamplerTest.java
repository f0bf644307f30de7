package io.lem.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import io.lem.time.Clock;

class SamplerTest {

    /** A counter meter whose n-th read returns n joules, failing on the reads listed. */
    private static final class ScriptedMeter implements Meter {
        final AtomicInteger reads = new AtomicInteger();
        final List<Integer> failOn;

        ScriptedMeter(List<Integer> failOn) {
            this.failOn = failOn;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public List<Domain> domains() {
            return List.of(new Domain("x", DomainKind.HOST, Quantity.ENERGY_J, false, "test"));
        }

        @Override
        public void read(double[] into, int offset) throws MeterException {
            int n = reads.getAndIncrement();
            if (failOn.contains(n)) {
                throw new MeterException("scripted failure " + n);
            }
            into[offset] = n;
        }
    }

    @Test
    void samplesInTimeOrderSkipsFailedReadsAndTakesALastRowOnClose() throws Exception {
        ScriptedMeter meter = new ScriptedMeter(List.of(2, 3));
        List<Double> seen = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        SampleListener listener = new SampleListener() {
            @Override
            public void onStart(List<Domain> domains) {
                assertThat(domains).extracting(Domain::id).containsExactly("x");
            }

            @Override
            public void onSample(long timeNs, double[] row) {
                seen.add(row[0]);
            }

            @Override
            public void onError(String meterName, MeterException error) {
                errors.add(meterName + ": " + error.getMessage());
            }
        };
        Sampler sampler = new Sampler(List.of(meter), Clock.system(), 500, List.of(listener));
        sampler.start();
        while (meter.reads.get() < 8) {
            Thread.onSpinWait();
        }
        sampler.close();

        PowerTrace trace = sampler.trace();
        int reads = meter.reads.get();
        assertThat(trace.size()).isEqualTo(reads - 2);
        assertThat(trace.values(0)).doesNotContain(2.0, 3.0).contains(0.0, 1.0, 4.0);
        long[] t = trace.timesNs();
        for (int i = 1; i < t.length; i++) {
            assertThat(t[i]).isGreaterThan(t[i - 1]);
        }
        assertThat(seen).hasSize(trace.size());
        assertThat(errors).containsExactly("scripted: scripted failure 2", "scripted: scripted failure 3");
        assertThat(sampler.errorCounts()).containsEntry("scripted", 2L);
        int afterClose = meter.reads.get();
        Thread.sleep(20);
        assertThat(meter.reads.get()).as("no reads after close").isEqualTo(afterClose);
    }

    @Test
    void rejectsImpossibleRates() {
        assertThatThrownBy(() -> new Sampler(List.of(), Clock.system(), 0, List.of()))
                .hasMessageContaining("sampling rate");
    }

    @Test
    void traceRejectsOutOfOrderRows() {
        PowerTrace trace = new PowerTrace(new ScriptedMeter(List.of()).domains());
        trace.append(10, new double[] {1});
        assertThatThrownBy(() -> trace.append(5, new double[] {2})).hasMessageContaining("time order");
    }
}
