package io.lem.load;

import io.lem.client.RequestRecord;

/**
 * A request as the load generator sent it.
 *
 * @param request     what the client measured
 * @param portion     warm-up, measured or cool-down
 * @param scheduledNs when the schedule wanted it sent, on the run's clock; -1 in a closed loop (no schedule)
 */
public record LoadRecord(RequestRecord request, Portion portion, long scheduledNs) {

    /** Actual send − scheduled send: the generator's own delay (or the concurrency cap's). NaN in a closed loop. */
    public double latenessMs() {
        return scheduledNs < 0 ? Double.NaN : (request.sendNs() - scheduledNs) / 1e6;
    }

    public boolean measured() {
        return portion == Portion.MEASURED;
    }
}
