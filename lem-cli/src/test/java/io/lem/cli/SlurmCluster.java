package io.lem.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Slurm 22.05 for the tests, started as root from a temp directory: its own munge key and
 * socket, a slurm.conf named by {@code SLURM_CONF} (proctrack/linuxproc, task/none, select/cons_tres, one node
 * with this machine's CPUs, one partition, no accounting storage), slurmctld and slurmd on free ports. Commands
 * run with {@link #env()} reach it and nothing else. {@link #skipReason} says why it cannot start here.
 */
final class SlurmCluster implements AutoCloseable {

    private final Path dir;
    private final List<Path> pidFiles = new ArrayList<>();

    private SlurmCluster(Path dir) {
        this.dir = dir;
    }

    /** Null when a cluster can start here, else the reason and how to get one. */
    static String skipReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the real-Slurm tests start slurmctld, slurmd and munged and need root (run the suite as root)";
        }
        for (String tool : List.of("/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged", "/usr/bin/sbatch")) {
            if (!Files.isExecutable(Path.of(tool))) {
                return tool + " is missing; install Slurm and munge: apt-get install slurm-wlm munge";
            }
        }
        return null;
    }

    static SlurmCluster start(Path dir) throws IOException, InterruptedException {
        SlurmCluster c = new SlurmCluster(dir);
        c.startAll();
        return c;
    }

    Map<String, String> env() {
        return Map.of("SLURM_CONF", dir.resolve("slurm.conf").toString());
    }

    private void startAll() throws IOException, InterruptedException {
        Path munge = Files.createDirectories(dir.resolve("munge"));
        Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwx------"));
        byte[] key = new byte[1024];
        new SecureRandom().nextBytes(key);
        Path keyFile = Files.write(munge.resolve("munge.key"), key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Path socket = munge.resolve("munge.socket");
        // --force: munged refuses root unless told; the key and socket are this cluster's own
        daemon(List.of("/usr/sbin/munged", "--force", "--socket=" + socket, "--key-file=" + keyFile,
                "--pid-file=" + munge.resolve("munged.pid"), "--log-file=" + munge.resolve("munged.log"),
                "--seed-file=" + munge.resolve("seed")), munge.resolve("munged.pid"));
        String host = InetAddress.getLocalHost().getHostName();
        long freeMb = freeMemoryMb();
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("spool"));
        Files.writeString(dir.resolve("slurm.conf"), String.join("\n",
                "ClusterName=lemtest",
                "SlurmctldHost=" + host,
                "SlurmctldPort=" + freePort(),
                "SlurmdPort=" + freePort(),
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "AuthInfo=socket=" + socket,
                "SlurmUser=root",
                "SlurmdUser=root",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU",
                "SchedulerType=sched/backfill",
                "MpiDefault=none",
                "ReturnToService=2",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                // ended tasks stay in squeue for 5 minutes: the follower reads them there
                "MinJobAge=300",
                "NodeName=" + host + " CPUs=" + Runtime.getRuntime().availableProcessors() + " RealMemory="
                        + Math.max(100, freeMb / 2) + " State=UNKNOWN",
                "PartitionName=lem Nodes=" + host + " Default=YES MaxTime=INFINITE State=UP", ""));
        daemon(List.of("/usr/sbin/slurmctld"), dir.resolve("slurmctld.pid"));
        daemon(List.of("/usr/sbin/slurmd"), dir.resolve("slurmd.pid"));
        waitIdle();
    }

    /** The node answers sinfo as idle: slurmd registered with slurmctld. */
    private void waitIdle() throws IOException, InterruptedException {
        for (int i = 0; i < 150; i++) {
            ProcessBuilder p = new ProcessBuilder("sinfo", "--noheader", "--format=%t").redirectErrorStream(true);
            p.environment().putAll(env());
            Process started = p.start();
            String out = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            started.waitFor();
            if (out.equals("idle")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("the test Slurm did not come up; see " + dir + "/slurmctld.log and slurmd.log");
    }

    private void daemon(List<String> command, Path pidFile) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(Path.of(command.getFirst()).getFileName() + ".out").toFile());
        pb.environment().putAll(env());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command.getFirst() + " did not start; see " + dir);
        }
        pidFiles.add(pidFile);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static long freeMemoryMb() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemAvailable:"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).orElse(1000L);
    }

    /** Stops the daemons this cluster started, by the pids they wrote, newest first. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (Path pidFile : pidFiles.reversed()) {
            if (Files.isRegularFile(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(pid).ifPresent(h -> {
                    h.destroy();
                    h.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(e -> {
                        h.destroyForcibly();
                        return h;
                    }).join();
                });
            }
        }
    }
}
