package io.lem.meter.nvml;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/** The nvml.h structs lem passes to NVML, laid out as the C compiler lays them out on x86-64 and aarch64. */
public final class NvmlLayouts {

    /** {@code nvmlMemory_t} (v1): total, free, used, all unsigned long long bytes. */
    public static final MemoryLayout MEMORY = MemoryLayout.structLayout(ValueLayout.JAVA_LONG.withName("total"),
            ValueLayout.JAVA_LONG.withName("free"), ValueLayout.JAVA_LONG.withName("used"));
    /** {@code nvmlUtilization_t}: gpu, memory, unsigned int percent. */
    public static final MemoryLayout UTILIZATION = MemoryLayout.structLayout(JAVA_INT.withName("gpu"),
            JAVA_INT.withName("memory"));
    /**
     * {@code nvmlFieldValue_t}: fieldId, scopeId (uint), timestamp, latencyUsec (long long), valueType,
     * nvmlReturn (enum), value (an 8-byte union of double / uint / ulong / ulonglong / sll / sint / ushort).
     */
    public static final MemoryLayout FIELD_VALUE = MemoryLayout.structLayout(JAVA_INT.withName("fieldId"),
            JAVA_INT.withName("scopeId"), ValueLayout.JAVA_LONG.withName("timestamp"),
            ValueLayout.JAVA_LONG.withName("latencyUsec"), JAVA_INT.withName("valueType"),
            JAVA_INT.withName("nvmlReturn"), ValueLayout.JAVA_LONG.withName("value"));
    /** {@code nvmlPciInfo_t} as filled by {@code nvmlDeviceGetPciInfo_v3}: busIdLegacy[16], 5 uints, busId[32]. */
    public static final MemoryLayout PCI_INFO = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(16, ValueLayout.JAVA_BYTE).withName("busIdLegacy"),
            JAVA_INT.withName("domain"), JAVA_INT.withName("bus"), JAVA_INT.withName("device"),
            JAVA_INT.withName("pciDeviceId"), JAVA_INT.withName("pciSubSystemId"),
            MemoryLayout.sequenceLayout(32, ValueLayout.JAVA_BYTE).withName("busId"));

    public static final long FIELD_VALUE_TYPE_OFFSET = offset(FIELD_VALUE, "valueType");
    public static final long FIELD_RETURN_OFFSET = offset(FIELD_VALUE, "nvmlReturn");
    public static final long FIELD_VALUE_OFFSET = offset(FIELD_VALUE, "value");
    static final long PCI_BUS_ID_OFFSET = offset(PCI_INFO, "busId");

    private NvmlLayouts() {
    }

    /**
     * The value of a filled {@link #FIELD_VALUE} as a double, whichever member of the union its valueType names
     * (0 double, 1 uint, 2 ulong, 3 ulonglong, 4 long long, 5 int, 6 ushort).
     */
    public static double fieldValue(MemorySegment field) {
        long at = FIELD_VALUE_OFFSET;
        return switch (field.get(JAVA_INT, FIELD_VALUE_TYPE_OFFSET)) {
            case 0 -> field.get(ValueLayout.JAVA_DOUBLE, at);
            case 1 -> Integer.toUnsignedLong(field.get(JAVA_INT, at));
            case 2, 3 -> unsignedToDouble(field.get(ValueLayout.JAVA_LONG, at));
            case 4 -> field.get(ValueLayout.JAVA_LONG, at);
            case 5 -> field.get(JAVA_INT, at);
            case 6 -> Short.toUnsignedInt(field.get(ValueLayout.JAVA_SHORT, at));
            default -> Double.NaN;
        };
    }

    /** An unsigned 64-bit value as a double (exact below 2^53). */
    public static double unsignedToDouble(long value) {
        return value >= 0 ? value : (value >>> 1) * 2.0 + (value & 1);
    }

    private static long offset(MemoryLayout layout, String member) {
        return layout.byteOffset(MemoryLayout.PathElement.groupElement(member));
    }
}
