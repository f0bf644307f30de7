package io.lem.meter.smi;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmiReadingTest {

    /** Values as recorded in the captures (NaN where nvidia-smi printed [N/A]: utilisation under MIG). */
    @ParameterizedTest
    @CsvSource({
            "h100_query-gpu.txt,         idle, 2026/07/14 08:12:38.696, 69.85,  41, 0,   0,     345",
            "h100_query-gpu.txt,         load, 2026/07/14 08:12:53.353, 631.95, 59, 100, 19818, 1980",
            "h100mig_query-gpu.txt,      idle, 2026/07/14 09:00:27.792, 71.15,  42, NaN, 59,    345",
            "h100mig_query-gpu.txt,      load, 2026/07/14 09:00:44.579, 433.78, 53, NaN, 11125, 1980",
            "rtx4080super_query-gpu.txt, idle, 2026/06/26 11:59:44.226, 26.20,  43, 0,   596,   210",
            "rtx4080super_query-gpu.txt, load, 2026/06/26 11:59:58.761, 84.24,  46, 7,   1474,  2805"})
    void recordedRowsParse(String capture, String state, String timestamp, double powerW, double temperatureC,
                           double smUtilPct, double memoryUsedMib, double smClockMhz) {
        SmiReading expected = new SmiReading(timestamp, 0, "GPU-00000000-0000-0000-0000-000000000000", powerW,
                temperatureC, smUtilPct, memoryUsedMib, smClockMhz);

        assertThat(SmiReading.parse(CaptureLines.noUnits(capture, state))).isEqualTo(expected);
        assertThat(SmiReading.parse(CaptureLines.withUnits(capture, state))).isEqualTo(expected);
    }

    @Test
    void everyUnavailableSpellingIsNaN() {
        SmiReading r = SmiReading.parse("2026/07/14 09:00:44.579, 3, GPU-x, [Not Supported], N/A, [N/A],"
                + " Not Supported, [Unknown Error]");
        assertThat(r.index()).isEqualTo(3);
        assertThat(r.powerW()).isNaN();
        assertThat(r.temperatureC()).isNaN();
        assertThat(r.smUtilPct()).isNaN();
        assertThat(r.memoryUsedMib()).isNaN();
        assertThat(r.smClockMhz()).isNaN();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Failed to initialize NVML: Driver/library version mismatch",
            "2026/07/14 09:00:44.579, 0, GPU-x, 12.5, 40, 3, 100",
            "2026/07/14 09:00:44.579, zero, GPU-x, 12.5, 40, 3, 100, 1980",
            "2026/07/14 09:00:44.579, 0, GPU-x, 12.5W?, 40, 3, 100, 1980",
            "2026/07/14 09:00:44.579, 0, GPU-x, 0x10, 40, 3, 100, 1980"})
    void otherLinesAreRejectedWithTheLine(String line) {
        assertThatThrownBy(() -> SmiReading.parse(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(line);
    }
}
