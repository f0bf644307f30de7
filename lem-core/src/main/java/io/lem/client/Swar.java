package io.lem.client;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time ("SIMD within a register"): the load engine's parsers spend most of their
 * time skipping to the next newline or the end of a JSON string, and a word-wide test does that in one step per
 * eight bytes. Little-endian words, so the lowest flagged byte is the first match; the tests are exact for the
 * lowest flagged byte (a borrow only ever flags bytes above a true match).
 */
final class Swar {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = '\n' * ONES;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long SPACES = ' ' * ONES;

    private Swar() {
    }

    /** Index of the first {@code '\n'} in {@code b[from, to)}, or -1. */
    static int newline(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long m = zeroBytes((long) LONGS.get(b, i) ^ NEWLINES);
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first index at or after {@code from} in {@code b[from, to)} holding a byte a JSON string cannot skip
     * over ({@code '"'}, {@code '\\'} or a control character below 0x20), or the index where fewer than eight
     * bytes remain: the caller reads from there byte by byte.
     */
    static int stringRun(byte[] b, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i);
            long m = zeroBytes(x ^ QUOTES) | zeroBytes(x ^ BACKSLASHES) | (x - SPACES & ~x & HIGHS);
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        return i;
    }

    /** The high bit of every zero byte of {@code x} (exact for the lowest one). */
    private static long zeroBytes(long x) {
        return x - ONES & ~x & HIGHS;
    }
}
