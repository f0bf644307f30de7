package io.lem.study;

import java.util.ArrayList;
import java.util.List;

import io.lem.client.RequestRecord;
import io.lem.result.RequestEnergyRow;

import static io.lem.result.Json.finiteOrNull;

/** request_energy.jsonl: one row per measured OK request with its phase windows and both attributions. */
final class RequestEnergyRows {

    private RequestEnergyRows() {
    }

    static List<RequestEnergyRow> of(ExperimentAnalysis a) {
        List<RequestEnergyRow> rows = new ArrayList<>();
        for (int i = 0; i < a.requests().attributed().size(); i++) {
            RequestRecord r = a.requests().attributed().get(i);
            ExperimentAnalysis.RequestPhases p = a.requestPhases().get(i);
            // a TTFT window inside one sampling interval holds no sample: its energy is interpolated
            rows.add(new RequestEnergyRow(r.id(), (long) r.promptTokens(), (long) r.completionTokens(),
                    finiteOrNull(p.windowJ()), finiteOrNull(p.ttftJ()), finiteOrNull(p.decodeJ()),
                    finiteOrNull(p.closureErrorJ()), p.ttftBelowSamplePeriod(),
                    finiteOrNull(a.attribution().tokenProportionalJ()[i]), finiteOrNull(a.attribution().timeSharingJ()[i])));
        }
        return rows;
    }
}
