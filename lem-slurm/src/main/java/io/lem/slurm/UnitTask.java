package io.lem.slurm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import io.lem.Lem;
import io.lem.study.RunStatus;
import io.lem.study.UnitOutcome;

/**
 * What one array task does ({@code lem run-unit --study DIR --unit I}): its status file when it starts, the run
 * as manifest.json describes it ({@link Lem#runUnit}), its status file again when it ends. It writes nothing else
 * outside its run's directory.
 */
public final class UnitTask {

    /** run-unit's exit code when the run failed, timed out or was interrupted; 0 when it is done. */
    public static final int NOT_DONE = 1;

    private UnitTask() {
    }

    /** @param env the task's environment (Slurm's SLURM_* variables) */
    public static UnitOutcome run(Lem lem, Path studyDir, int unit, Map<String, String> env, Path procRoot)
            throws IOException {
        if (!io.lem.study.StudyManifest.exists(studyDir)) {
            throw new io.lem.config.ConfigException("--study", studyDir + " holds no manifest.json; fix: give the "
                    + "study directory lem run --executor slurm wrote (the array's script names it)");
        }
        UnitStatus started = new UnitStatus(unit, Instant.now().toString(), null, null, null, null,
                env.get("SLURM_JOB_ID"), env.get("SLURM_ARRAY_JOB_ID"), HardwareProbe.probe(procRoot, env));
        started.write(studyDir);
        UnitOutcome outcome;
        try {
            outcome = lem.runUnit(studyDir, unit);
        } catch (IOException | RuntimeException e) {
            started.finished(Instant.now().toString(), RunStatus.FAILED, NOT_DONE, e.getMessage()).write(studyDir);
            throw e;
        }
        started.finished(Instant.now().toString(), outcome.status(), outcome.status() == RunStatus.DONE ? 0 : NOT_DONE,
                outcome.error()).write(studyDir);
        return outcome;
    }
}
