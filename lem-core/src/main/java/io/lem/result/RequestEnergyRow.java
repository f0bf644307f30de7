package io.lem.result;

/**
 * One request_energy.jsonl row: a measured OK request's phase windows and both attributions, in joules (null where
 * the file has null: not computable).
 *
 * @param windowEnergyJ              the total domains' energy over [send, end]
 * @param ttftWindowEnergyJ          over [send, first token]
 * @param decodeWindowEnergyJ        over [first token, end]
 * @param closureErrorJ              window − (ttft + decode)
 * @param ttftWindowBelowSamplePeriod the TTFT window lies inside one sampling interval: its energy is interpolated
 * @param tokenProportionalJ         E_active / Σ completion tokens × this request's
 * @param timeSharingJ               this request's share of each sampling interval's active energy
 */
public record RequestEnergyRow(long id, Long promptTokens, Long completionTokens, Double windowEnergyJ,
                               Double ttftWindowEnergyJ, Double decodeWindowEnergyJ, Double closureErrorJ,
                               boolean ttftWindowBelowSamplePeriod, Double tokenProportionalJ, Double timeSharingJ) {
}
