package io.lem.load;

/**
 * How far a run is.
 *
 * @param done      requests completed (any status)
 * @param failed    of those, not OK
 * @param total     requests the run will send, or -1 when it stops by time and the count is not known
 * @param elapsedNs since the run started
 * @param etaNs     estimated time left, or -1 before anything can be estimated
 */
public record Progress(int done, int failed, int total, long elapsedNs, long etaNs) {

    /** Called after each batch of completed requests, from the thread that hands them on; keep it quick. */
    @FunctionalInterface
    public interface Listener {

        Listener NONE = p -> { };

        void progress(Progress progress);
    }

    /**
     * @param endNs the stop duration, or -1 when the run stops by count
     */
    static Progress of(int done, int failed, int total, long elapsedNs, long endNs) {
        long eta;
        if (endNs >= 0) {
            eta = Math.max(0, endNs - elapsedNs);
        } else if (total > 0 && done > 0) {
            eta = Math.round((double) elapsedNs * (total - done) / done);
        } else {
            eta = -1;
        }
        return new Progress(done, failed, total, elapsedNs, eta);
    }

    public double fraction() {
        return total > 0 ? (double) done / total : Double.NaN;
    }
}
