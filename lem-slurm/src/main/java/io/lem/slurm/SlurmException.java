package io.lem.slurm;

import java.io.IOException;

/** A Slurm command that failed or did not answer: sbatch refused the script, squeue could not reach slurmctld. */
public final class SlurmException extends IOException {

    public SlurmException(String message) {
        super(message);
    }
}
