package io.lem.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.lem.config.ConfigException;

/**
 * {@link SlurmCommands} as child processes of the commands on the PATH, reading their parsable output. The
 * environment is passed on, so {@code SLURM_CONF} chooses the cluster as it does for the user's own commands.
 */
public final class ProcessSlurmCommands implements SlurmCommands {

    /** squeue and sacct answer in well under a second; a scheduler that does not answer in this long is down. */
    private static final long COMMAND_TIMEOUT_S = 60;

    @Override
    public String sbatch(Path script) throws IOException, InterruptedException {
        Result r = run(List.of("sbatch", "--parsable", script.toString()));
        if (r.code() != 0) {
            throw new SlurmException("sbatch " + script + " failed (exit " + r.code() + "): " + r.text().strip());
        }
        String line = r.text().strip();
        // --parsable prints "jobid" or "jobid;cluster"
        return line.contains(";") ? line.substring(0, line.indexOf(';')) : line;
    }

    @Override
    public List<TaskState> squeue(String jobId) throws IOException, InterruptedException {
        Result r = run(List.of("squeue", "--noheader", "--array", "--states=all", "--jobs=" + jobId,
                "--format=%K|%T|%N"));
        if (r.code() != 0) {
            if (r.text().contains("Invalid job id")) {
                return List.of(); // Slurm forgot the job: past MinJobAge
            }
            throw new SlurmException("squeue for job " + jobId + " failed (exit " + r.code() + "): "
                    + r.text().strip());
        }
        return parse(r.text());
    }

    @Override
    public void scancel(String jobId) throws IOException, InterruptedException {
        Result r = run(List.of("scancel", jobId));
        if (r.code() != 0) {
            throw new SlurmException("scancel " + jobId + " failed (exit " + r.code() + "): " + r.text().strip());
        }
    }

    @Override
    public Optional<List<TaskState>> sacct(String jobId) throws IOException, InterruptedException {
        Result r = run(List.of("sacct", "--noheader", "--parsable2", "--jobs=" + jobId, "--format=JobID,State,NodeList"));
        if (r.code() != 0 || r.text().contains("accounting storage is disabled")) {
            return Optional.empty();
        }
        List<TaskState> tasks = new ArrayList<>();
        for (String line : r.text().lines().toList()) {
            String[] f = line.split("\\|", -1);
            // array tasks are "<job>_<index>"; their steps ("<job>_<index>.batch") repeat them
            if (f.length == 3 && f[0].matches("\\d+_\\d+")) {
                tasks.add(new TaskState(Integer.parseInt(f[0].substring(f[0].indexOf('_') + 1)),
                        f[1].split(" ")[0], f[2].isBlank() || f[2].equals("None assigned") ? null : f[2]));
            }
        }
        return Optional.of(tasks);
    }

    /** squeue's {@code %K|%T|%N} lines; a pending array's summary line ("[2-7%2]") has no single index and is skipped. */
    static List<TaskState> parse(String text) {
        List<TaskState> tasks = new ArrayList<>();
        for (String line : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String[] f = line.split("\\|", -1);
            if (f.length == 3 && f[0].matches("\\d+")) {
                tasks.add(new TaskState(Integer.parseInt(f[0]), f[1], f[2].isBlank() ? null : f[2]));
            }
        }
        return tasks;
    }

    private record Result(int code, String text) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new ConfigException("execution.executor", command.getFirst() + " is not on the PATH ("
                    + e.getMessage() + "); fix: run on a Slurm login node, or install Slurm's client commands "
                    + "(Debian: apt-get install slurm-client)");
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new SlurmException(String.join(" ", command) + " did not answer in " + COMMAND_TIMEOUT_S + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
