package io.lem.bench;

import io.lem.meter.CpuInfo;
import io.lem.meter.CpuPowerModel;
import io.lem.meter.Meter;
import io.lem.meter.MeterException;
import io.lem.meter.process.ProcessCpuMeter;
import io.lem.meter.rapl.RaplMeter;
import io.lem.meter.SysfsReader;
import io.lem.meter.TdpTable;
import io.lem.meter.nvml.NvmlMeter;
import io.lem.meter.nvml.NvmlOptions;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The meters the sampler benchmarks read, each over the lowest boundary this machine can offer: a sysfs-shaped
 * powercap tree in a temp dir, the real {@code /proc}, and the C stand-in for NVML compiled with gcc.
 */
final class BenchFixtures {

    static final String NVML_STUB_SOURCE = "nvml_stub.c";

    /** Close to a real counter's magnitude, so parsing costs what it does on a machine that ran for days. */
    private static final long FIRST_ENERGY_UJ = 123_456_789_012L;
    private static final long MAX_ENERGY_RANGE_UJ = 262_143_328_850L;

    private BenchFixtures() {
    }

    /**
     * Writes a two-socket powercap tree in the flat {@code /sys/class/powercap} layout: per package the package
     * zone and its core, uncore and dram subzones (eight counters).
     */
    static Path powercapTree(Path dir) throws IOException {
        Path root = dir.resolve("powercap");
        for (int pkg = 0; pkg < 2; pkg++) {
            zone(root, "intel-rapl:" + pkg, "package-" + pkg, pkg);
            zone(root, "intel-rapl:" + pkg + ":0", "core", pkg);
            zone(root, "intel-rapl:" + pkg + ":1", "uncore", pkg);
            zone(root, "intel-rapl:" + pkg + ":2", "dram", pkg);
        }
        return root;
    }

    private static void zone(Path root, String id, String name, int pkg) throws IOException {
        Path zone = Files.createDirectories(root.resolve(id));
        Files.writeString(zone.resolve("name"), name + "\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), MAX_ENERGY_RANGE_UJ + "\n");
        Files.writeString(zone.resolve("energy_uj"), (FIRST_ENERGY_UJ + pkg * 1_000_003L) + "\n");
    }

    static RaplMeter rapl(Path dir) throws IOException, MeterException {
        return RaplMeter.open(powercapTree(dir), SysfsReader.files());
    }

    /** The benchmark JVM's own process tree on the real {@code /proc}: every read scans all of /proc. */
    static ProcessCpuMeter process() throws MeterException {
        // an unknown model name: the stated default watts per logical CPU
        CpuPowerModel model = CpuPowerModel.forCpu(new CpuInfo("benchmark", 1, 1, 1), TdpTable.bundled());
        return ProcessCpuMeter.open(Path.of("/proc"), (int) ProcessHandle.current().pid(), model,
                SysfsReader.files());
    }

    /** Compiles the NVML stub (shipped in this jar) into {@code dir} and opens the meter on its two GPUs. */
    static NvmlMeter nvml(Path dir) throws IOException, InterruptedException, MeterException {
        Path source = dir.resolve(NVML_STUB_SOURCE);
        try (InputStream in = BenchFixtures.class.getResourceAsStream(NVML_STUB_SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(NVML_STUB_SOURCE + " is missing from the benchmark jar:"
                        + " rebuild lem-bench (it copies lem-testkit's nvml_stub.c)");
            }
            Files.write(source, in.readAllBytes());
        }
        Path library = dir.resolve("libnvidia-ml-stub.so").toAbsolutePath();
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-o", library.toString(), source.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("gcc not found: the NVML benchmark compiles the NVML stub with it"
                    + " (Debian: apt-get install gcc)", e);
        }
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (gcc.waitFor() != 0) {
            throw new IllegalStateException("gcc failed on " + source + ":\n" + output);
        }
        scriptTwoGpus(library);
        return NvmlMeter.open(new NvmlOptions(library.toString(), List.of(), Map.of()));
    }

    /**
     * The stub starts with no device until {@code stub_reset} scripts its defaults (two H100s). Loaded in the global
     * arena, so the meter's own {@code dlopen} of the same path gets this handle and sees the script.
     */
    private static void scriptTwoGpus(Path library) {
        MemorySegment reset = SymbolLookup.libraryLookup(library, Arena.global()).find("stub_reset")
                .orElseThrow(() -> new IllegalStateException(library + " has no stub_reset: not the NVML stub"));
        try {
            Linker.nativeLinker().downcallHandle(reset, FunctionDescriptor.ofVoid()).invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("stub_reset failed in " + library, e);
        }
    }

    /** The meters of one benchmark row: {@code rapl}, {@code process}, {@code nvml} or {@code all} three. */
    static List<Meter> open(String set, Path dir) throws IOException, InterruptedException, MeterException {
        List<Meter> meters = new ArrayList<>();
        switch (set) {
            case "rapl" -> meters.add(rapl(dir));
            case "process" -> meters.add(process());
            case "nvml" -> meters.add(nvml(dir));
            case "all" -> {
                meters.add(rapl(dir));
                meters.add(process());
                meters.add(nvml(dir));
            }
            default -> throw new IllegalArgumentException("meter set '" + set
                    + "' is not one of rapl, process, nvml, all");
        }
        return meters;
    }

    /** Sleeping processes outside the benchmark's tree, so /proc holds as many entries as a busy server's. */
    static List<ProcessHandle> strangers(int count) throws IOException, InterruptedException {
        if (count == 0) {
            return List.of();
        }
        // The shell backgrounds the sleeps and exits: they are re-parented away from this JVM and its tree.
        Process sh = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt " + count + " ]; do"
                + " sleep 3600 </dev/null >/dev/null 2>&1 & echo $!; i=$((i+1)); done")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<ProcessHandle> started = new ArrayList<>();
        for (String pid : new String(sh.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split("\\s+")) {
            if (!pid.isEmpty()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(started::add);
            }
        }
        sh.waitFor();
        return started;
    }

    /** Stops the sleepers and waits for them, so the next trial does not scan them (or their zombies). */
    static void stop(List<ProcessHandle> processes) throws InterruptedException {
        processes.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("sleeping process " + p.pid() + " did not exit on SIGTERM", e);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
