package io.lem.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.lem.time.Clock;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Meter;
import io.lem.meter.Quantity;
import io.lem.result.Json;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.lem.study.VerifiedResult;

class EnergySessionTest {

    @TempDir
    Path tmp;

    /** A meter at its lowest boundary: a host power reading of 5 W. */
    private static MeterFactory.Opened constantHost() {
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
        return new MeterFactory.Opened(List.of(constant), List.of());
    }

    @Test
    void noIdleTimeIsAnEmptyWindowNotAFewMicroseconds() throws Exception {
        // a zero-length baseline or after window used to span the bookkeeping between two clock reads, and a
        // "power" computed over those microseconds gave a 1592 % drift warning with baseline_after_s: 0
        try (EnergySession session = EnergySession.start(constantHost(), Clock.system(), 100,
                tmp.resolve("power.csv"))) {
            long[] none = session.idle(0);
            assertThat(none[1]).isEqualTo(none[0]);
            long[] some = session.idle(0.02);
            assertThat(some[1] - some[0]).isGreaterThanOrEqualTo(20_000_000L);
        }
    }

    @Test
    void theSummaryNamesItsWindowsAndDomainsSoThatVerifyRecomputesItFromPowerCsv() throws Exception {
        // the energy section of lem load --meters gave figures without the window or the domains they cover, so
        // nobody could recompute them from power.csv
        Clock clock = Clock.system();
        long anchor = clock.nanoTime();
        Map<String, Object> summary;
        long t0;
        long t1;
        try (EnergySession session = EnergySession.start(constantHost(), clock, anchor, 200,
                tmp.resolve("power.csv"))) {
            long[] idle = session.idle(0.05);
            t0 = session.now();
            Thread.sleep(60);
            t1 = session.now();
            session.close();
            summary = session.summary(t0, t1, idle, 12);
            assertThat(summary.get("baseline_window")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("start_s", (idle[0] - anchor) / 1e9)
                    .containsEntry("end_s", (idle[1] - anchor) / 1e9);
            assertThat(session.summary(t0, t1, null, 12)).containsEntry("baseline_window", null)
                    .containsEntry("idle_power_w_by_domain", null);
        }
        assertThat(summary.get("window")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("start_s", (t0 - anchor) / 1e9).containsEntry("end_s", (t1 - anchor) / 1e9)
                .containsEntry("duration_s", (t1 - t0) / 1e9);
        assertThat(summary).containsEntry("total_domain_ids", List.of("host"))
                .containsEntry("gpu_domain_ids", List.of()).containsEntry("llm_domain_ids", List.of());
        assertThat(summary.get("idle_power_w_by_domain")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("host");
        // one measured request spanning the window, as lem load writes it
        Files.writeString(tmp.resolve("requests.jsonl"), Json.compact().writeValueAsString(Map.of("id", 0,
                "portion", "measured", "status", "ok", "send_s", (t0 - anchor) / 1e9, "end_s", (t1 - anchor) / 1e9,
                "completion_tokens", 12)) + "\n");

        String verdict = VerifiedResult.write(tmp.resolve("summary.json"), Map.of("energy", summary));

        assertThat(verdict).as(Files.readString(tmp.resolve("summary.json"))).startsWith("verification: passed");
    }
}
