package io.lem.client;

import java.util.Arrays;

/** The start of a line whose end has not arrived yet: bytes kept from one read to the next. */
final class LineCarry {

    /** Shared until a line is split across reads: most responses never need a buffer of their own. */
    private static final byte[] NONE = new byte[0];

    private byte[] bytes = NONE;
    private int length;

    void append(byte[] from, int start, int end) {
        int n = end - start;
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(256, Math.max(bytes.length * 2, length + n)));
        }
        System.arraycopy(from, start, bytes, length, n);
        length += n;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    boolean isEmpty() {
        return length == 0;
    }

    void clear() {
        length = 0;
    }

    /** Index of the first {@code '\n'} in {@code b[from, to)}, or -1. */
    static int newline(byte[] b, int from, int to) {
        return Swar.newline(b, from, to);
    }
}
