package io.lem.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lem.config.ConfigException;

/**
 * The one sbatch script of a study's job array, kept as {@code slurm/array.sbatch} in the study directory so that
 * a user can read what ran and resubmit it. One array task per (point, cycle) run: the array index is the run's
 * index in manifest.json, so the study's order is the array's order.
 */
public final class ArrayScript {

    public static final String DIR = "slurm";
    public static final String FILE = "array.sbatch";

    private ArrayScript() {
    }

    /** @param runs the run indices to submit, ascending (all of them, or on resume the ones not finished) */
    public static String render(String studyName, Path studyDir, List<Integer> runs, int totalRuns,
                                SlurmOptions options) {
        Path dir = studyDir.toAbsolutePath();
        List<String> l = new ArrayList<>();
        l.add("#!/bin/bash");
        l.add("# lem study " + studyName + ": one array task per (point, cycle) run, in the study's order.");
        l.add("# Written by lem run --executor slurm, which follows the array; lem collect " + dir);
        l.add("# gathers it from another shell. Resubmit by hand with: sbatch " + dir.resolve(DIR).resolve(FILE));
        l.add("#SBATCH --job-name=" + jobName(studyName));
        l.add("# the array index is the run's index in manifest.json (" + runs.size() + " of " + totalRuns
                + " runs here)" + (options.maxParallel() > 0 ? "; at most " + options.maxParallel()
                + " at once (slurm.max_parallel)" : ""));
        l.add("#SBATCH --array=" + ranges(runs) + (options.maxParallel() > 0 ? "%" + options.maxParallel() : ""));
        l.add("# one task on one node: the run's engine and its meters share that node");
        l.add("#SBATCH --nodes=1");
        l.add("#SBATCH --ntasks=1");
        if (options.exclusive()) {
            l.add("# the whole node: another job's power would be measured as this run's (RAPL and the GPUs see");
            l.add("# every process on the node); slurm.exclusive=false turns this off");
            l.add("#SBATCH --exclusive");
        } else {
            l.add("# NOT exclusive (slurm.exclusive=false): other jobs on the node add their power to this run's energy");
        }
        if (options.gpusPerTask() > 0) {
            l.add("# the GPUs this run may use; the engine sees only these (CUDA_VISIBLE_DEVICES)");
            l.add("#SBATCH --gpus-per-task=" + options.gpusPerTask());
        }
        if (options.partition() != null) {
            l.add("#SBATCH --partition=" + options.partition());
        }
        if (options.account() != null) {
            l.add("#SBATCH --account=" + options.account());
        }
        if (options.time() != null) {
            l.add("# a task still running after this is ended by Slurm and recorded as timed out");
            l.add("#SBATCH --time=" + options.time());
        }
        l.add("# Slurm's log of each task; lem's own files are in the run's directory");
        l.add("#SBATCH --output=" + directiveValue(dir.resolve(DIR).resolve("logs") + "/unit-%a.out", dir));
        l.add("set -euo pipefail");
        l.add("# runs run $SLURM_ARRAY_TASK_ID into its own directory and writes slurm/status/unit-<index>.json;");
        l.add("# it never writes manifest.json (the follower does)");
        l.add("exec " + quoted(options.launcher().toString()) + " run-unit --study " + quoted(dir.toString())
                + " --unit \"$SLURM_ARRAY_TASK_ID\"");
        return String.join("\n", l) + "\n";
    }

    /** {@code 0-3,5,7-8}: sbatch's array syntax for ascending indices. */
    static String ranges(List<Integer> runs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < runs.size(); ) {
            int j = i;
            while (j + 1 < runs.size() && runs.get(j + 1) == runs.get(j) + 1) {
                j++;
            }
            if (!s.isEmpty()) {
                s.append(',');
            }
            s.append(runs.get(i));
            if (j > i) {
                s.append('-').append(runs.get(j));
            }
            i = j + 1;
        }
        return s.toString();
    }

    /** Job names show in squeue: lem- and the study's name, in characters every shell and Slurm accept. */
    static String jobName(String studyName) {
        return "lem-" + studyName.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * A path as one #SBATCH value: sbatch splits a directive at white space unless the value is in double quotes,
     * inside which a backslash escapes {@code "} and itself (checked against sbatch 22.05: {@code sbatch -vv
     * --test-only} lists the options it read). A {@code %} is refused: Slurm expands it as a file-name pattern
     * ({@code %j}, {@code %a}) in the directory too, and its only escape ({@code \\}) turns off the {@code %a} lem
     * needs.
     */
    static String directiveValue(String path, Path studyDir) {
        checkDirectory(studyDir);
        return '"' + path.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Refuses, before anything is written, a study directory that no #SBATCH --output can name. */
    static void checkDirectory(Path studyDir) {
        String dir = studyDir.toAbsolutePath().toString();
        if (dir.contains("%") || dir.contains("\n")) {
            throw new ConfigException("--results", "the study directory " + dir + " has a " + (dir.contains("%")
                    ? "%, which Slurm reads as a file-name pattern in #SBATCH --output" : "line break, which ends an "
                    + "#SBATCH directive") + "; fix: give --results a directory whose path has neither, and a "
                    + "study_name without them");
        }
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
