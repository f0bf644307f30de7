package io.lem.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why an experiment's engine failed while it was measured: it exited (or was killed), or it stopped answering and
 * lem stopped it.
 *
 * @param reason   one line for study.json and the console, e.g. "engine killed by SIGKILL during the measured load"
 * @param phase    what the experiment was doing: "idle baseline", "warm-up", "measured load", ...
 * @param exitCode the engine's exit status, -1 when it had not exited when the failure was recorded
 * @param signal   the signal that ended it ("SIGKILL"), null for a plain exit or none
 * @param stalledS how long no chunk arrived before lem stopped the engine; NaN when it was not stalled
 * @param logTail  the last lines of engine.log
 */
public record EngineFailure(String reason, String phase, int exitCode, String signal, double stalledS,
                            List<String> logTail) {

    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 4, "SIGILL",
            6, "SIGABRT", 7, "SIGBUS", 8, "SIGFPE", 9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    public EngineFailure {
        logTail = List.copyOf(logTail);
    }

    /**
     * The signal behind an exit status: on Linux a process killed by signal N reports 128 + N to Java (so 137 is
     * SIGKILL, 143 SIGTERM). A program that itself exits with such a code reads the same; engines do not.
     */
    public static String signalOf(int exitCode) {
        if (exitCode <= 128 || exitCode > 128 + 64) {
            return null;
        }
        return SIGNALS.getOrDefault(exitCode - 128, "signal " + (exitCode - 128));
    }

    /** "killed by SIGKILL", "exited with code 3", or "still running" for -1. */
    public static String describeExit(int exitCode) {
        if (exitCode < 0) {
            return "still running";
        }
        String signal = signalOf(exitCode);
        return signal != null ? "killed by " + signal : String.format(Locale.ROOT, "exited with code %d", exitCode);
    }
}
