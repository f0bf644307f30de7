package io.lem.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lem.result.RequestRow;

/** Many disjoint prefill spans are merged into at most MAX_PREFILL_BANDS bands covering the same extent. */
class PrefillBandsTest {

    @Test
    void manySpansMergeIntoFewBandsInLinearPasses() {
        List<RequestRow> rows = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            rows.add(row(i, i * 1.0, i * 1.0 + 0.1)); // disjoint: 200,000 spans before merging
        }
        List<ChartSpec.Band> bands = PowerChart.prefill(rows);
        assertThat(bands).hasSizeLessThanOrEqualTo(PowerChart.MAX_PREFILL_BANDS).hasSizeGreaterThan(1);
        assertThat(bands.getFirst().fromX()).isEqualTo(0.0);
        assertThat(bands.getLast().toX()).isEqualTo(199_999.1);
        for (int i = 1; i < bands.size(); i++) {
            assertThat(bands.get(i).fromX()).isGreaterThan(bands.get(i - 1).toX());
        }
    }

    private static RequestRow row(int id, double sendS, double firstTokenS) {
        return new RequestRow(id, false, null, RequestRow.STATUS_OK, 200, sendS, firstTokenS, firstTokenS + 0.5, 8L, 4L,
                false, 4, 0, (firstTokenS - sendS) * 1000, 10.0, (firstTokenS + 0.5 - sendS) * 1000, List.of(), null,
                null);
    }
}
