package io.lem.measure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.lem.time.Clock;
import io.lem.meter.CpuPowerModel;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Meter;
import io.lem.meter.MeterContext;
import io.lem.meter.MeterException;
import io.lem.meter.MeterSelection;
import io.lem.meter.select.MeterSelector;
import io.lem.meter.MeterStatus;
import io.lem.analysis.PowerSummary;

/**
 * {@code perf stat} for energy: samples an idle baseline, runs a command, measures it (its process tree through
 * the process meter, which needs the command's pid) until it exits, and summarises the run above the baseline.
 *
 * <p>The baseline is sampled with every requested meter except the process ones (no process exists yet). Then the
 * command is started behind a gate: {@code sh} blocks reading a FIFO, the meters are opened with its pid and the
 * first sample is taken, and only then is the gate opened and {@code sh} {@code exec}s the command (same pid, same
 * stdio). Opening the meters takes a few hundred ms on a busy machine (CPU facts, the TDP table, a /proc scan); the
 * gate keeps that out of the command's run, so its first instruction is inside the measured window and the
 * process meter, which counts CPU time from its first reading, misses none of it.
 *
 * @param meters    {@code ["auto"]} or explicit meter names
 * @param intervalS sampling period
 * @param baselineS idle window before the command; 0 skips it (no active energy then)
 */
public record PowerMeasure(MeterSelector selector, MeterContext context, List<String> meters, double intervalS,
                           double baselineS, Clock clock) {

    /** Meters that need a pid: left out of the baseline, where no process exists yet. */
    private static final Set<String> PROCESS_METERS = Set.of("process", "process-estimate");

    private static final long GATE_LIMIT_S = 10;

    public PowerMeasure {
        meters = List.copyOf(meters);
        if (!(baselineS >= 0)) {
            throw new IllegalArgumentException("baseline must be >= 0 s, was " + baselineS);
        }
    }

    /**
     * The outcome of one command.
     *
     * @param exitCode   the command's exit status (127 when the shell could not find it)
     * @param pid        the command's pid (root of the measured process tree)
     * @param wallS      from the gate's opening to the observed exit: the energy window
     * @param summary    energy per domain over the command, active energy above the baseline where one exists
     * @param idlePowerW the baseline's power per domain id (empty without a baseline)
     * @param statuses   every known meter, used or not, and why
     * @param notes      what was not measured or is estimated, each with its reason
     */
    public record Result(int exitCode, long pid, double wallS, PowerSummary summary, Map<String, Double> idlePowerW,
                         List<MeterStatus> statuses, List<String> notes) {
        public Result {
            idlePowerW = Map.copyOf(idlePowerW);
            statuses = List.copyOf(statuses);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Runs the command to completion; it inherits lem's stdin, stdout and stderr.
     *
     * @throws MeterException when an explicitly requested meter cannot be opened
     * @throws IOException    when {@code sh} or {@code mkfifo} cannot be started
     */
    public Result run(List<String> command) throws MeterException, IOException, InterruptedException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to measure");
        }
        List<String> notes = new ArrayList<>();
        Map<String, Double> idle = baseline(notes);
        Path gateDir = Files.createTempDirectory("lem-measure");
        Process child = null;
        try {
            Path fifo = gateDir.resolve("gate");
            mkfifo(fifo);
            List<String> argv = new ArrayList<>(List.of("sh", "-c", "IFS= read -r _ < \"$1\"; shift; exec \"$@\"",
                    "lem-measure", fifo.toString()));
            argv.addAll(command);
            Process started = new ProcessBuilder(argv).inheritIO().start();
            child = started;
            int pid = Math.toIntExact(child.pid());
            try (MeterSelection selection = selector.select(meters, context.withEnginePid(pid))) {
                noteUnusedProcessMeter(selection, pid, notes);
                List<Meter> sampled = selection.meters().stream().map(m -> finalAfterExit(m, started)).toList();
                PowerRecorder recorder = PowerRecorder.start(sampled, clock, intervalS, List.of());
                long startNs;
                long endNs;
                int exit;
                try {
                    startNs = clock.nanoTime();
                    open(fifo, started);
                    exit = started.waitFor();
                    endNs = clock.nanoTime(); // before close(), whose last row then lies after the window's end
                } finally {
                    recorder.close();
                }
                return result(exit, pid, startNs, endNs, recorder, idle, selection, notes);
            }
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
            }
            deleteTree(gateDir);
        }
    }

    /**
     * A Java callable measured like a command: the process meter follows this JVM, so its process-tree energy is
     * the whole JVM's (the sampler's thread included) while the callable runs.
     *
     * @return the callable's value with the measurement (exit code 0)
     */
    public <T> Measured<T> call(java.util.concurrent.Callable<T> work) throws Exception {
        List<String> notes = new ArrayList<>();
        Map<String, Double> idle = baseline(notes);
        int pid = Math.toIntExact(ProcessHandle.current().pid());
        try (MeterSelection selection = selector.select(meters, context.withEnginePid(pid))) {
            noteUnusedProcessMeter(selection, pid, notes);
            PowerRecorder recorder = PowerRecorder.start(selection.meters(), clock, intervalS, List.of());
            long startNs;
            long endNs;
            T value;
            try {
                startNs = clock.nanoTime();
                value = work.call();
                endNs = clock.nanoTime();
            } finally {
                recorder.close();
            }
            return new Measured<>(value, result(0, pid, startNs, endNs, recorder, idle, selection, notes));
        }
    }

    /** A callable's value and its energy. */
    public record Measured<T>(T value, Result result) {
    }

    private static Result result(int exit, int pid, long startNs, long endNs, PowerRecorder recorder,
                                 Map<String, Double> idle, MeterSelection selection, List<String> notes) {
        PowerSummary summary = PowerSummary.of(recorder.trace(), startNs, endNs, recorder.periodNs(), idle);
        if (summary.domains().stream().anyMatch(f -> f.domain().estimated())) {
            notes.add("estimated domains: " + CpuPowerModel.VALIDATION_ERROR);
        }
        recorder.errorCounts().forEach((m, n) -> notes.add(m + ": " + n + " failed reads (rows skipped)"));
        return new Result(exit, pid, (endNs - startNs) / 1e9, summary, idle, selection.statuses(), notes);
    }

    private Map<String, Double> baseline(List<String> notes) throws MeterException, InterruptedException {
        if (baselineS == 0) {
            notes.add("no baseline (--baseline 0): active energy not computed");
            return Map.of();
        }
        List<String> names = meters.stream().filter(n -> !PROCESS_METERS.contains(n)).toList();
        if (names.isEmpty()) {
            notes.add("no baseline: only process meters requested, and a process has no idle power before it runs");
            return Map.of();
        }
        try (MeterSelection selection = selector.select(names, context)) {
            PowerRecorder recorder = PowerRecorder.start(selection.meters(), clock, intervalS, List.of());
            try {
                Thread.sleep(Math.round(baselineS * 1000));
            } finally {
                recorder.close();
            }
            return PowerSummary.idlePowers(recorder.trace(), recorder.periodNs(), notes);
        }
    }

    private static void noteUnusedProcessMeter(MeterSelection selection, int pid, List<String> notes) {
        if (selection.domains().stream().noneMatch(d -> d.id().equals("process:" + pid))) {
            selection.status("process").filter(s -> !s.used())
                    .ifPresent(s -> notes.add("no process-tree energy: process meter " + s.reason()));
        }
    }

    /**
     * A process meter reads the tree under the command's pid, which vanishes once the command exits and is reaped;
     * its cumulative value is final from then on, so the sampler's rows up to the end keep it instead of failing.
     */
    private static Meter finalAfterExit(Meter meter, Process child) {
        if (meter.domains().stream().noneMatch(d -> d.kind() == DomainKind.PROCESS)) {
            return meter;
        }
        return new Meter() {
            private final double[] last = new double[meter.domains().size()];

            @Override
            public String name() {
                return meter.name();
            }

            @Override
            public List<Domain> domains() {
                return meter.domains();
            }

            @Override
            public void read(double[] into, int offset) throws MeterException {
                try {
                    meter.read(into, offset);
                    System.arraycopy(into, offset, last, 0, last.length);
                } catch (MeterException e) {
                    if (child.isAlive()) {
                        throw e;
                    }
                    System.arraycopy(last, 0, into, offset, last.length);
                }
            }

            @Override
            public List<String> warnings() {
                return meter.warnings();
            }
        };
    }

    private static void mkfifo(Path fifo) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("mkfifo " + fifo + " failed: " + output.strip());
        }
    }

    /** Releases the gate; opening a FIFO for writing blocks until the shell opens it, so it is bounded. */
    private static void open(Path fifo, Process child) throws IOException, InterruptedException {
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            write.get(GATE_LIMIT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot release the command's start gate " + fifo + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            write.cancel(true);
            throw new IOException("the command's start gate was not read within " + GATE_LIMIT_S + " s (sh "
                    + (child.isAlive() ? "still running" : "exited with " + child.exitValue()) + ")");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
