package io.lem.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.client.RequestRecord;

import static io.lem.result.Json.finiteOrNull;

/** request_energy.jsonl: one row per measured OK request with its phase windows and both attributions. */
final class RequestEnergyRows {

    private RequestEnergyRows() {
    }

    static List<Map<String, Object>> of(ExperimentAnalysis a) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < a.attributed.size(); i++) {
            RequestRecord r = a.attributed.get(i);
            ExperimentAnalysis.RequestPhases p = a.requestPhases.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.id());
            row.put("prompt_tokens", r.promptTokens());
            row.put("completion_tokens", r.completionTokens());
            row.put("window_energy_j", finiteOrNull(p.windowJ()));
            row.put("ttft_window_energy_j", finiteOrNull(p.ttftJ()));
            row.put("decode_window_energy_j", finiteOrNull(p.decodeJ()));
            row.put("closure_error_j", finiteOrNull(p.closureErrorJ()));
            // a TTFT window inside one sampling interval holds no sample: its energy is interpolated
            row.put("ttft_window_below_sample_period", p.ttftBelowSamplePeriod());
            row.put("token_proportional_j", finiteOrNull(a.attribution.tokenProportionalJ()[i]));
            row.put("time_sharing_j", finiteOrNull(a.attribution.timeSharingJ()[i]));
            rows.add(row);
        }
        return rows;
    }
}
