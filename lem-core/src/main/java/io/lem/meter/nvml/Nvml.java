package io.lem.meter.nvml;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The NVML functions lem uses, bound with {@code java.lang.foreign} (no JNA, nothing to compile for users).
 *
 * <p>Device queries come in two flavours. The {@code int}-returning ones write into a segment the caller
 * preallocated and return NVML's code unchanged: they allocate nothing, so the sampler calls them on every row.
 * The ones that return Java values check the code and throw an {@link NvmlException}; they allocate and are meant
 * for setup. A symbol the loaded library lacks (an older driver) is bound to a stub that answers
 * {@link NvmlReturn#FUNCTION_NOT_FOUND}, so callers handle a missing function and an unsupported one alike.
 *
 * <p>Not thread-safe beyond what NVML itself guarantees; lem calls it from the sampler thread and from setup.
 */
public final class Nvml implements AutoCloseable {

    /** The soname the NVIDIA driver installs; found through the dynamic linker's search path. */
    public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";
    /** Environment variable naming another NVML library (a path or a soname). */
    public static final String LIBRARY_ENV = "LEM_NVML_LIB";

    /** {@code NVML_FI_DEV_POWER_INSTANT} in nvml.h: current power in mW, "supported on all architectures". */
    public static final int FIELD_POWER_INSTANT = 186;
    public static final int TEMPERATURE_GPU = 0;
    public static final int CLOCK_SM = 1;
    public static final int CLOCK_MEM = 2;

    private static final int STRING_BUFFER_BYTES = 96; // NVML_DEVICE_NAME_V2_BUFFER_SIZE = UUID_V2 = 96 >= 80
    private static final AddressLayout C_STRING = ADDRESS.withTargetLayout(
            MemoryLayout.sequenceLayout(1024, ValueLayout.JAVA_BYTE));
    private static final FunctionDescriptor DEV_PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);

    private final String library;
    private final Arena arena;
    private final SymbolLookup lookup;
    private final MethodHandle init;
    private final MethodHandle shutdown;
    private final MethodHandle errorString;
    private final MethodHandle driverVersion;
    private final MethodHandle nvmlVersion;
    private final MethodHandle count;
    private final MethodHandle handleByIndex;
    private final MethodHandle name;
    private final MethodHandle uuid;
    private final MethodHandle pciInfo;
    private final MethodHandle totalEnergy;
    private final MethodHandle powerUsage;
    private final MethodHandle fieldValues;
    private final MethodHandle powerLimit;
    private final MethodHandle defaultPowerLimit;
    private final MethodHandle powerLimitConstraints;
    private final MethodHandle setPowerLimit;
    private final MethodHandle persistenceMode;
    private final MethodHandle migMode;
    private final MethodHandle utilization;
    private final MethodHandle memoryInfo;
    private final MethodHandle temperature;
    private final MethodHandle clockInfo;
    private final MethodHandle clocksEventReasons;
    private final String clocksEventReasonsSymbol;

    private Nvml(String library, Arena arena, SymbolLookup lookup) {
        this.library = library;
        this.arena = arena;
        this.lookup = lookup;
        init = bind("nvmlInit_v2", FunctionDescriptor.of(JAVA_INT));
        shutdown = bind("nvmlShutdown", FunctionDescriptor.of(JAVA_INT));
        errorString = lookup.find("nvmlErrorString").map(s -> Linker.nativeLinker().downcallHandle(s,
                FunctionDescriptor.of(C_STRING, JAVA_INT))).orElse(null);
        driverVersion = bind("nvmlSystemGetDriverVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        nvmlVersion = bind("nvmlSystemGetNVMLVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        count = bind("nvmlDeviceGetCount_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        handleByIndex = bind("nvmlDeviceGetHandleByIndex_v2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        FunctionDescriptor devString = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
        name = bind("nvmlDeviceGetName", devString);
        uuid = bind("nvmlDeviceGetUUID", devString);
        pciInfo = bind("nvmlDeviceGetPciInfo_v3", DEV_PTR);
        totalEnergy = bind("nvmlDeviceGetTotalEnergyConsumption", DEV_PTR);
        powerUsage = bind("nvmlDeviceGetPowerUsage", DEV_PTR);
        fieldValues = bind("nvmlDeviceGetFieldValues", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        powerLimit = bind("nvmlDeviceGetPowerManagementLimit", DEV_PTR);
        defaultPowerLimit = bind("nvmlDeviceGetPowerManagementDefaultLimit", DEV_PTR);
        // nvml.h: (nvmlDevice_t device, unsigned int *minLimit, unsigned int *maxLimit), both in mW
        powerLimitConstraints = bind("nvmlDeviceGetPowerManagementLimitConstraints",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        // nvml.h: (nvmlDevice_t device, unsigned int limit), in mW; root only, like nvidia-smi -pl
        setPowerLimit = bind("nvmlDeviceSetPowerManagementLimit", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        persistenceMode = bind("nvmlDeviceGetPersistenceMode", DEV_PTR);
        migMode = bind("nvmlDeviceGetMigMode", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        utilization = bind("nvmlDeviceGetUtilizationRates", DEV_PTR);
        memoryInfo = bind("nvmlDeviceGetMemoryInfo", DEV_PTR);
        FunctionDescriptor devEnum = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
        temperature = bind("nvmlDeviceGetTemperature", devEnum);
        clockInfo = bind("nvmlDeviceGetClockInfo", devEnum);
        // Renamed in driver 535 (CUDA 12.2); the old name stays exported as deprecated, older drivers have only it.
        clocksEventReasonsSymbol = lookup.find("nvmlDeviceGetCurrentClocksEventReasons").isPresent()
                ? "nvmlDeviceGetCurrentClocksEventReasons" : "nvmlDeviceGetCurrentClocksThrottleReasons";
        clocksEventReasons = bind(clocksEventReasonsSymbol, DEV_PTR);
    }

    /**
     * Loads NVML. Nothing is initialised yet: call {@link #init()}.
     *
     * @param library a path (contains '/') or a soname searched like {@code dlopen} does
     * @throws NvmlException with code {@link NvmlReturn#LIBRARY_NOT_FOUND} when the library cannot be loaded
     */
    public static Nvml load(String library) throws NvmlException {
        Arena arena = Arena.ofShared();
        try {
            SymbolLookup lookup = library.contains("/")
                    ? SymbolLookup.libraryLookup(Path.of(library), arena)
                    : SymbolLookup.libraryLookup(library, arena);
            return new Nvml(library, arena, lookup);
        } catch (IllegalArgumentException | IllegalCallerException e) {
            arena.close();
            throw new NvmlException("dlopen", NvmlReturn.LIBRARY_NOT_FOUND, library + " not found or not loadable ("
                    + e.getMessage() + ")", e);
        }
    }

    public String library() {
        return library;
    }

    /** Whether the loaded library exports a symbol (drivers add functions over the years). */
    public boolean exports(String symbol) {
        return lookup.find(symbol).isPresent();
    }

    /** {@code nvmlDeviceGetCurrentClocksEventReasons} or, on drivers before 535, the older throttle-reasons name. */
    public String clocksEventReasonsSymbol() {
        return clocksEventReasonsSymbol;
    }

    public void init() throws NvmlException {
        check("nvmlInit_v2", invoke(init));
    }

    /** Balances one {@link #init()}; NVML counts them. */
    public void shutdown() throws NvmlException {
        check("nvmlShutdown", invoke(shutdown));
    }

    public int deviceCount() throws NvmlException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("nvmlDeviceGetCount_v2", invoke(count, out));
            return out.get(JAVA_INT, 0);
        }
    }

    /** The opaque {@code nvmlDevice_t} of a device, valid until {@link #shutdown()}. */
    public MemorySegment handle(int index) throws NvmlException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("nvmlDeviceGetHandleByIndex_v2", invoke(handleByIndex, index, out));
            return out.get(ADDRESS, 0);
        }
    }

    public String driverVersion() throws NvmlException {
        return systemString("nvmlSystemGetDriverVersion", driverVersion);
    }

    public String nvmlVersion() throws NvmlException {
        return systemString("nvmlSystemGetNVMLVersion", nvmlVersion);
    }

    public String name(MemorySegment device) throws NvmlException {
        return deviceString("nvmlDeviceGetName", name, device);
    }

    public String uuid(MemorySegment device) throws NvmlException {
        return deviceString("nvmlDeviceGetUUID", uuid, device);
    }

    /** {@code domain:bus:device.function} as NVML writes it, e.g. {@code 00000000:19:00.0}. */
    public String pciBusId(MemorySegment device) throws NvmlException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(NvmlLayouts.PCI_INFO);
            check("nvmlDeviceGetPciInfo_v3", invoke(pciInfo, device, out));
            return out.getString(NvmlLayouts.PCI_BUS_ID_OFFSET);
        }
    }

    /** Current MIG mode (1 = enabled) into {@code uintOut}; the pending mode is discarded. */
    public int migMode(MemorySegment device, MemorySegment uintOut) {
        try (Arena a = Arena.ofConfined()) {
            return invoke(migMode, device, uintOut, a.allocate(JAVA_INT));
        }
    }

    /** Millijoules since the driver loaded, into an 8-byte segment (Volta and newer). */
    public int totalEnergyConsumption(MemorySegment device, MemorySegment ullOut) {
        return invoke(totalEnergy, device, ullOut);
    }

    /** Milliwatts, into a 4-byte segment; a 1 s average on Ampere and newer except GA100. */
    public int powerUsage(MemorySegment device, MemorySegment uintOut) {
        return invoke(powerUsage, device, uintOut);
    }

    /** Fills {@code values}: {@code count} {@link NvmlLayouts#FIELD_VALUE}s whose fieldId the caller set. */
    public int fieldValues(MemorySegment device, int count, MemorySegment values) {
        try {
            return (int) fieldValues.invokeExact(device, count, values);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public int powerManagementLimit(MemorySegment device, MemorySegment uintOut) {
        return invoke(powerLimit, device, uintOut);
    }

    public int powerManagementDefaultLimit(MemorySegment device, MemorySegment uintOut) {
        return invoke(defaultPowerLimit, device, uintOut);
    }

    /** The least and the most limit the device accepts, in mW, into two 4-byte segments. */
    public int powerManagementLimitConstraints(MemorySegment device, MemorySegment minOut, MemorySegment maxOut) {
        return invoke(powerLimitConstraints, device, minOut, maxOut);
    }

    /**
     * Sets the power management limit to {@code limitMw} (unsigned); needs root: otherwise
     * {@link NvmlReturn#NO_PERMISSION}; outside the constraints {@link NvmlReturn#INVALID_ARGUMENT}.
     */
    public int setPowerManagementLimit(MemorySegment device, int limitMw) {
        try {
            return (int) setPowerLimit.invokeExact(device, limitMw);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** 1 = enabled, into a 4-byte segment. */
    public int persistenceMode(MemorySegment device, MemorySegment intOut) {
        return invoke(persistenceMode, device, intOut);
    }

    public int utilizationRates(MemorySegment device, MemorySegment utilizationOut) {
        return invoke(utilization, device, utilizationOut);
    }

    public int memoryInfo(MemorySegment device, MemorySegment memoryOut) {
        return invoke(memoryInfo, device, memoryOut);
    }

    public int temperature(MemorySegment device, int sensor, MemorySegment uintOut) {
        return invokeEnum(temperature, device, sensor, uintOut);
    }

    /** MHz, into a 4-byte segment. */
    public int clockInfo(MemorySegment device, int clockType, MemorySegment uintOut) {
        return invokeEnum(clockInfo, device, clockType, uintOut);
    }

    /** The clocks event (throttle) reason bitmask, into an 8-byte segment. */
    public int clocksEventReasons(MemorySegment device, MemorySegment ullOut) {
        return invoke(clocksEventReasons, device, ullOut);
    }

    /** NVML's text for a code ({@code nvmlErrorString}), or the code's name when the library lacks it. */
    public String errorString(int code) {
        if (errorString == null) {
            return NvmlReturn.name(code);
        }
        try {
            MemorySegment text = (MemorySegment) errorString.invokeExact(code);
            return text.equals(MemorySegment.NULL) ? NvmlReturn.name(code) : text.getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** "nvmlDeviceGetPowerUsage returned NVML_ERROR_GPU_IS_LOST (15): GPU is lost". */
    public String describe(String function, int code) {
        return function + " returned " + NvmlReturn.name(code) + " (" + code + "): " + errorString(code);
    }

    /** Throws an {@link NvmlException} with {@link #describe} as message unless {@code code} is success. */
    public void check(String function, int code) throws NvmlException {
        if (code != NvmlReturn.SUCCESS) {
            throw new NvmlException(function, code, describe(function, code));
        }
    }

    /** Unloads the library (after {@link #shutdown()}). */
    @Override
    public void close() {
        arena.close();
    }

    /** Segments for the preallocated hot path; they live as long as this binding. */
    public MemorySegment allocate(MemoryLayout layout) {
        return arena.allocate(layout);
    }

    private MethodHandle bind(String symbol, FunctionDescriptor descriptor) {
        Optional<MemorySegment> address = lookup.find(symbol);
        if (address.isPresent()) {
            return Linker.nativeLinker().downcallHandle(address.get(), descriptor);
        }
        Class<?>[] parameters = descriptor.toMethodType().parameterArray();
        return MethodHandles.dropArguments(MethodHandles.constant(int.class, NvmlReturn.FUNCTION_NOT_FOUND), 0,
                parameters);
    }

    private String systemString(String function, MethodHandle handle) throws NvmlException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(STRING_BUFFER_BYTES);
            int code;
            try {
                code = (int) handle.invokeExact(out, STRING_BUFFER_BYTES);
            } catch (Throwable t) {
                throw rethrow(t);
            }
            check(function, code);
            return out.getString(0);
        }
    }

    private String deviceString(String function, MethodHandle handle, MemorySegment device) throws NvmlException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(STRING_BUFFER_BYTES);
            int code;
            try {
                code = (int) handle.invokeExact(device, out, STRING_BUFFER_BYTES);
            } catch (Throwable t) {
                throw rethrow(t);
            }
            check(function, code);
            return out.getString(0);
        }
    }

    private static int invoke(MethodHandle handle) {
        try {
            return (int) handle.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int invoke(MethodHandle handle, MemorySegment a) {
        try {
            return (int) handle.invokeExact(a);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int invoke(MethodHandle handle, int a, MemorySegment b) {
        try {
            return (int) handle.invokeExact(a, b);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int invoke(MethodHandle handle, MemorySegment a, MemorySegment b) {
        try {
            return (int) handle.invokeExact(a, b);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int invoke(MethodHandle handle, MemorySegment a, MemorySegment b, MemorySegment c) {
        try {
            return (int) handle.invokeExact(a, b, c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int invokeEnum(MethodHandle handle, MemorySegment a, int b, MemorySegment c) {
        try {
            return (int) handle.invokeExact(a, b, c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A downcall throws only on a JVM-level failure (wrong arity is a bug here); keep it unchecked. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("NVML downcall failed: " + t, t);
    }
}
