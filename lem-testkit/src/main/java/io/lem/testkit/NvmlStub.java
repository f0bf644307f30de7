package io.lem.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The C stand-in for libnvidia-ml.so.1 ({@code nvml_stub.c} beside this class), compiled with gcc into the
 * module's {@code target/nvml-stub} once per JVM and loaded for scripting in the global arena: the meter's own
 * {@code dlopen} of the same path gets the same handle, so what the test scripts is what lem reads. Tests that run
 * lem in a process of their own pass {@link #library()} as {@code LEM_NVML_LIB}: unscripted, the stub answers its
 * defaults (two H100s, {@link #AVERAGE_POWER_W} average and {@link #INSTANT_POWER_W} instant power), and with
 * {@code NVML_STUB_LIVE=1} its energy counter rises at the average power.
 */
public final class NvmlStub {

    /** The stub's defaults (stub_reset in nvml_stub.c), mW -> W. */
    public static final double AVERAGE_POWER_W = 250;
    public static final double INSTANT_POWER_W = 310;

    private static final Path OUT = Path.of("target/nvml-stub");
    private static NvmlStub current;
    private static NvmlStub legacy;

    private final Path library;
    private final SymbolLookup lookup;

    private NvmlStub(Path library) {
        this.library = library;
        this.lookup = SymbolLookup.libraryLookup(library, Arena.global());
    }

    /** The stub of a current driver; skips the test when gcc is missing (CI installs it). */
    public static synchronized NvmlStub current() throws Throwable {
        if (current == null) {
            current = new NvmlStub(compile("libnvidia-ml-stub.so"));
        }
        current.reset();
        return current;
    }

    /**
     * The compiled default stub, for a process of its own ({@code LEM_NVML_LIB}), without loading or scripting it in
     * this JVM; skips the test when gcc is missing.
     */
    public static synchronized Path compiled() throws IOException, InterruptedException {
        return current != null ? current.library : compile("libnvidia-ml-stub.so");
    }

    /** A pre-Volta driver: no energy counter, no field values, no MIG, only the old throttle-reasons name. */
    public static synchronized NvmlStub legacy() throws Throwable {
        if (legacy == null) {
            legacy = new NvmlStub(compile("libnvidia-ml-legacy-stub.so", "-DSTUB_LEGACY"));
        }
        legacy.reset();
        return legacy;
    }

    private static Path compile(String name, String... defines) throws IOException, InterruptedException {
        assumeTrue(gccPresent(), "gcc not found: the NVML stub tests need it (Debian: apt-get install gcc)");
        Files.createDirectories(OUT);
        Path lib = OUT.resolve(name).toAbsolutePath();
        Path source = OUT.resolve("nvml_stub.c");
        try (InputStream in = NvmlStub.class.getResourceAsStream("nvml_stub.c")) {
            Files.write(source, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O1", "-Wall",
                "-Wextra", "-Werror"));
        command.addAll(List.of(defines));
        command.addAll(List.of("-o", lib.toString(), source.toString()));
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes());
        if (gcc.waitFor() != 0) {
            throw new IllegalStateException("gcc failed on " + source + ":\n" + output);
        }
        return lib;
    }

    private static boolean gccPresent() {
        try {
            return new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The compiled library, for {@code dlopen} or a child process's {@code LEM_NVML_LIB}. */
    public Path library() {
        return library;
    }

    public void reset() throws Throwable {
        call("stub_reset", FunctionDescriptor.ofVoid());
    }

    public void deviceCount(int count) throws Throwable {
        call("stub_set_device_count", FunctionDescriptor.ofVoid(JAVA_INT), count);
    }

    public void energyMj(int device, long mj) throws Throwable {
        call("stub_set_energy_mj", FunctionDescriptor.ofVoid(JAVA_INT, JAVA_LONG), device, mj);
    }

    public void powerMw(int device, int mw) throws Throwable {
        call("stub_set_power_mw", FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT), device, mw);
    }

    public void instantPower(int device, int valueType, double mw) throws Throwable {
        call("stub_set_instant_power", FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_DOUBLE), device,
                valueType, mw);
    }

    public void mig(int device, boolean enabled) throws Throwable {
        call("stub_set_mig", FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT), device, enabled ? 1 : 0);
    }

    public void utilization(int device, int gpuPct, int memoryPct) throws Throwable {
        call("stub_set_utilization", FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT), device, gpuPct,
                memoryPct);
    }

    public void memory(int device, long totalBytes, long usedBytes) throws Throwable {
        call("stub_set_memory", FunctionDescriptor.ofVoid(JAVA_INT, JAVA_LONG, JAVA_LONG), device, totalBytes,
                usedBytes);
    }

    /** Makes an NVML function (or {@code NVML_FI_DEV_POWER_INSTANT}) answer {@code code}; device -1: all. */
    public void fail(String function, int device, int code) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            call("stub_set_return", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT),
                    arena.allocateFrom(function), device, code);
        }
    }

    public void limitConstraints(int device, int minMw, int maxMw) throws Throwable {
        call("stub_set_limit_constraints", FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT, JAVA_INT), device, minMw,
                maxMw);
    }

    public void limitMw(int device, int mw) throws Throwable {
        call("stub_set_limit_mw", FunctionDescriptor.ofVoid(JAVA_INT, JAVA_INT), device, mw);
    }

    public int limitMw(int device) throws Throwable {
        return (int) call("stub_limit_mw", FunctionDescriptor.of(JAVA_INT, JAVA_INT), device);
    }

    /** Makes setting a limit answer NVML_ERROR_NO_PERMISSION, as the driver does for a user who is not root. */
    public void requireRoot() throws Throwable {
        call("stub_require_root", FunctionDescriptor.ofVoid(JAVA_INT), 1);
    }

    /** The accepted set calls in order, each "gpu&lt;device&gt;=&lt;mW&gt;". */
    public List<String> setCalls() throws Throwable {
        int n = (int) call("stub_set_call_count", FunctionDescriptor.of(JAVA_INT));
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add("gpu" + call("stub_set_call_device", FunctionDescriptor.of(JAVA_INT, JAVA_INT), i) + "="
                    + call("stub_set_call_limit_mw", FunctionDescriptor.of(JAVA_INT, JAVA_INT), i));
        }
        return calls;
    }

    public int initCount() throws Throwable {
        return (int) call("stub_init_count", FunctionDescriptor.of(JAVA_INT));
    }

    public int lastFieldId() throws Throwable {
        return (int) call("stub_last_field_id", FunctionDescriptor.of(JAVA_INT));
    }

    /** sizeof (or, for "type.member", offsetof) as the C compiler lays the nvml.h structs out. */
    public long sizeOf(String type) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            return (long) call("stub_sizeof", FunctionDescriptor.of(JAVA_LONG, ADDRESS), arena.allocateFrom(type));
        }
    }

    private Object call(String symbol, FunctionDescriptor descriptor, Object... args) throws Throwable {
        MemorySegment address = lookup.find(symbol).orElseThrow();
        MethodHandle handle = Linker.nativeLinker().downcallHandle(address, descriptor);
        return handle.invokeWithArguments(args);
    }
}
