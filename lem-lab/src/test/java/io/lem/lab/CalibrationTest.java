package io.lem.lab;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A calibration's coefficients and its source name only the measured runs it used. */
class CalibrationTest {

    private static Map<String, Object> report(String id, String mode, double prefillWh, double decodeWh, int prompt,
                                              int output, int thinking) {
        return LabMaps.of("run_id", id, "mode", mode, "prefill_wh", prefillWh, "decode_wh", decodeWh,
                "prompt_tokens", prompt, "output_tokens", output, "thinking_tokens", thinking);
    }

    @Test
    void anEstimatedRunIsNeitherSummedNorListedAsMeasured() {
        Benchmark b = Calibration.benchmark("calibrated:m", List.of(
                report("j-0", RunReport.MODE_LIVE, 0.002, 0.010, 100, 40, 10),
                report("j-1", RunReport.MODE_ESTIMATED, 9.0, 9.0, 1, 1, 0),
                report("j-2", RunReport.MODE_LIVE, 0.004, 0.020, 300, 50, 0)));
        // by hand: prefill (0.002 + 0.004) Wh / 400 prompt tokens; decode (0.010 + 0.020) Wh / 100 generated tokens
        assertThat(b.whPer1000InputTokens()).isCloseTo(0.015, within(1e-15));
        assertThat(b.whPer1000OutputTokens()).isCloseTo(0.3, within(1e-15));
        assertThat(b.source()).isEqualTo("measured by this Lab over 2 run(s): j-0, j-2");
        assertThat(b.kind()).isEqualTo("calibrated");
    }

    @Test
    void onlyEstimatedRunsCalibrateNothing() {
        assertThat(Calibration.benchmark("calibrated:m",
                List.of(report("j-0", RunReport.MODE_ESTIMATED, 1, 1, 10, 10, 0)))).isNull();
    }
}
