package io.lem.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.analysis.estimate.Prediction;

/**
 * One point's predicted J/output-token beside its measured one. The roofline models the device alone (no idle or
 * host power), so a GPU row is compared with the GPU-only measured J/output-token ({@link GpuScope}) and a CPU row
 * with the whole run's {@code joules_per_output_token}.
 *
 * @param note why there is no prediction (no hardware row, the model not resolvable); null when there is one
 */
record PredictedVsMeasured(String hardware, String hardwareChosen, Prediction prediction, String measuredBasis,
                           Double measuredJPerOutputToken, String note) {

    static PredictedVsMeasured none(String note) {
        return new PredictedVsMeasured(null, null, null, null, null, note);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", "prediction");
        json.put("hardware", hardware);
        json.put("hardware_chosen", hardwareChosen);
        double predicted = prediction == null ? Double.NaN : prediction.jPerOutputToken();
        json.put("predicted_j_per_output_token", Double.isFinite(predicted) ? predicted : null);
        json.put("measured_basis", measuredBasis);
        json.put("measured_j_per_output_token", measuredJPerOutputToken);
        double ratio = measuredJPerOutputToken == null ? Double.NaN : predicted / measuredJPerOutputToken;
        json.put("predicted_over_measured", Double.isFinite(ratio) ? ratio : null);
        json.put("assumptions", prediction == null ? List.of() : prediction.assumptions());
        json.put("note", note);
        return json;
    }
}
