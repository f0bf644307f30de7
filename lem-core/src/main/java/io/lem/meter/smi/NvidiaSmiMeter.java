package io.lem.meter.smi;

import io.lem.time.Clock;
import io.lem.meter.Domain;
import io.lem.meter.DomainKind;
import io.lem.meter.Meter;
import io.lem.meter.MeterException;
import io.lem.meter.Quantity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code nvidia-smi}: the fallback GPU meter when NVML cannot be bound. One child process streams {@link
 * SmiReading#QUERY} every interval ({@code -lms}); a reader thread keeps the latest line per GPU and {@link #read}
 * copies those, so the sampler never waits on the child. Per GPU: {@code gpu<N>} power (W, integrated by
 * trapezoids; a 1 s driver average on Ampere and newer, which smears short windows) and the gauges {@code
 * gpu<N>:temperature_c}, {@code :sm_util_pct}, {@code :memory_used_mib}, {@code :sm_clock_mhz} (NaN when
 * nvidia-smi reports {@code [N/A]}, e.g. utilisation under MIG).
 */
public final class NvidiaSmiMeter implements Meter {

    private static final String[] GAUGES = {"temperature_c", "sm_util_pct", "memory_used_mib", "sm_clock_mhz"};

    private record Stamped(long timeNs, SmiReading reading) {
    }

    private final Process process;
    private final BufferedReader lines;
    private final Thread reader;
    private final Clock clock;
    private final long staleNs;
    private final int[] gpuIndexes;
    private final boolean[] hasPower;
    private final AtomicReferenceArray<Stamped> latest;
    private final List<Domain> domains;
    private volatile String lastError = "no line yet";

    private NvidiaSmiMeter(Process process, BufferedReader lines, Clock clock, Duration interval,
                           TreeMap<Integer, SmiReading> first, String binary) {
        this.process = process;
        this.lines = lines;
        this.clock = clock;
        this.staleNs = 3 * interval.toNanos();
        this.gpuIndexes = first.keySet().stream().mapToInt(Integer::intValue).toArray();
        this.hasPower = new boolean[gpuIndexes.length];
        this.latest = new AtomicReferenceArray<>(gpuIndexes.length);
        List<Domain> list = new ArrayList<>();
        long now = clock.nanoTime();
        for (int g = 0; g < gpuIndexes.length; g++) {
            SmiReading r = first.get(gpuIndexes[g]);
            latest.set(g, new Stamped(now, r));
            String source = binary + " --query-gpu (" + r.uuid() + ")";
            hasPower[g] = !Double.isNaN(r.powerW());
            if (hasPower[g]) {
                list.add(new Domain("gpu" + gpuIndexes[g], DomainKind.GPU, Quantity.POWER_W, false,
                        source + " power.draw"));
            }
            for (String gauge : GAUGES) {
                list.add(new Domain("gpu" + gpuIndexes[g] + ":" + gauge, DomainKind.GPU, Quantity.GAUGE, false,
                        source));
            }
        }
        this.domains = List.copyOf(list);
        this.reader = Thread.ofPlatform().name("lem-nvidia-smi").daemon(true).unstarted(this::readLines);
    }

    /**
     * Starts {@code binary} streaming every {@code interval} and waits (at most 2 intervals + 10 s) for the first
     * line of every GPU.
     *
     * @throws MeterException when the binary cannot start, prints no valid line, or exits early (with its output)
     */
    public static NvidiaSmiMeter open(Path binary, Duration interval, Clock clock) throws MeterException {
        long ms = Math.max(1, interval.toMillis());
        List<String> command = List.of(binary.toString(), "--query-gpu=" + SmiReading.QUERY,
                "--format=csv,noheader,nounits", "-lms", Long.toString(ms));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new MeterException("cannot start " + binary + ": " + e.getMessage()
                    + " (set LEM_NVIDIA_SMI to the nvidia-smi binary)", e);
        }
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        TreeMap<Integer, SmiReading> first = new TreeMap<>();
        FutureTask<Void> discovery = new FutureTask<>(() -> {
            firstCycle(lines, first, binary);
            return null;
        });
        Thread.ofPlatform().name("lem-nvidia-smi-start").daemon(true).start(discovery);
        try {
            discovery.get(2 * ms + 10_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            stop(process);
            throw e.getCause() instanceof MeterException m ? m
                    : new MeterException("reading " + binary + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            stop(process);
            throw new MeterException(binary + " printed no complete set of GPU lines within " + (2 * ms + 10_000)
                    + " ms");
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new MeterException("interrupted while starting " + binary, e);
        }
        NvidiaSmiMeter meter = new NvidiaSmiMeter(process, lines, clock, interval, first, binary.toString());
        meter.reader.start();
        return meter;
    }

    /** Reads lines until one GPU repeats (a full cycle seen) or the child stops talking after the first GPU. */
    private static void firstCycle(BufferedReader lines, TreeMap<Integer, SmiReading> first, Path binary)
            throws MeterException {
        List<String> junk = new ArrayList<>();
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                SmiReading r;
                try {
                    r = SmiReading.parse(line);
                } catch (IllegalArgumentException e) {
                    junk.add(line.strip());
                    if (junk.size() >= 20) {
                        break;
                    }
                    continue;
                }
                if (first.putIfAbsent(r.index(), r) != null) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new MeterException("reading " + binary + " failed: " + e.getMessage(), e);
        }
        if (first.isEmpty()) {
            throw new MeterException(binary + " printed no GPU line" + (junk.isEmpty() ? "" : ": "
                    + String.join(" | ", junk.subList(0, Math.min(5, junk.size())))));
        }
        throw new MeterException(binary + " stopped after its first lines (" + first.size() + " GPU(s))"
                + (junk.isEmpty() ? "" : ": " + String.join(" | ", junk.subList(0, Math.min(5, junk.size())))));
    }

    private void readLines() {
        try (lines) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    SmiReading r = SmiReading.parse(line);
                    int g = slot(r.index());
                    if (g >= 0) {
                        latest.set(g, new Stamped(clock.nanoTime(), r));
                    }
                } catch (IllegalArgumentException e) {
                    lastError = "nvidia-smi printed: " + line.strip();
                }
            }
            // end of output: the exit code follows within moments, unless the child merely closed its stdout
            boolean exited = process.waitFor(2, TimeUnit.SECONDS);
            lastError = "nvidia-smi " + (exited ? "exited with code " + process.exitValue() : "closed its output")
                    + "; last message: " + lastError;
        } catch (IOException e) {
            lastError = "reading nvidia-smi failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int slot(int index) {
        for (int g = 0; g < gpuIndexes.length; g++) {
            if (gpuIndexes[g] == index) {
                return g;
            }
        }
        return -1;
    }

    @Override
    public String name() {
        return "nvidia-smi";
    }

    @Override
    public List<Domain> domains() {
        return domains;
    }

    @Override
    public void read(double[] into, int offset) throws MeterException {
        long now = clock.nanoTime();
        int i = offset;
        for (int g = 0; g < gpuIndexes.length; g++) {
            Stamped s = latest.get(g);
            if (now - s.timeNs() > staleNs) {
                throw new MeterException(String.format(Locale.ROOT, "nvidia-smi: gpu%d's last line is %.3f s old,"
                        + " more than 3 x the interval; %s", gpuIndexes[g], (now - s.timeNs()) / 1e9, lastError));
            }
            SmiReading r = s.reading();
            if (hasPower[g]) {
                if (Double.isNaN(r.powerW())) {
                    throw new MeterException("nvidia-smi: gpu" + gpuIndexes[g] + " power.draw not available in the"
                            + " line of " + r.timestamp());
                }
                into[i++] = r.powerW();
            }
            into[i++] = r.temperatureC();
            into[i++] = r.smUtilPct();
            into[i++] = r.memoryUsedMib();
            into[i++] = r.smClockMhz();
        }
    }

    /** The child's pid, for tests and diagnostics. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        stop(process);
        try {
            reader.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, a short wait, then SIGKILL: nvidia-smi exits on SIGTERM; a wedged driver call may not. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
