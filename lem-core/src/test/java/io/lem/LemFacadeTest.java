package io.lem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.lem.config.PowerOptions;
import io.lem.measure.PowerMeasure;
import io.lem.analysis.PowerSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade's power calls on this machine's real /proc, with no RAPL (an empty powercap root). */
class LemFacadeTest {

    @TempDir
    Path dir;

    private PowerOptions options() {
        return PowerOptions.of(Map.of("host.powercap_root", dir.resolve("none").toString(),
                "measurement.sample_rate_hz", 20, "power.baseline_s", 0.2, "power.output", dir.resolve("p.csv").toString()));
    }

    @Test
    void aJavaCallableIsMeasuredWithThisJvmAsItsProcess() throws Exception {
        PowerMeasure.Measured<Long> m = Lem.builder().build().measure(options(), () -> {
            long x = 0;
            for (long i = 0; i < 200_000_000L; i++) {
                x += i ^ (x >>> 3);
            }
            return x;
        });
        PowerSummary.DomainFigure process = m.result().summary().domain("process:" + ProcessHandle.current().pid());
        assertThat(process).as(m.result().notes().toString()).isNotNull();
        assertThat(process.energyJ()).isPositive();
        assertThat(m.result().exitCode()).isZero();
        assertThat(m.value()).isNotNull();
    }

    @Test
    void logWritesThePowerCsvUntilItsStopReturns() throws Exception {
        var log = Lem.builder().build().log(options(), () -> {
            Thread.sleep(300);
            return false;
        });
        assertThat(log.stoppedEarly()).isFalse();
        assertThat(log.meters()).contains("host-estimate");
        assertThat(java.nio.file.Files.readAllLines(log.file())).hasSizeGreaterThan(2).first().asString()
                .startsWith("t_s,");
        assertThat(log.summary().samples()).isGreaterThan(2);
        assertThat(List.of(log.file())).containsExactly(dir.resolve("p.csv"));
    }
}
