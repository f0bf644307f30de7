package io.lem.client;

import java.nio.charset.StandardCharsets;

/** Byte-level reads of HTTP's ASCII parts (status line, header names and values, chunk sizes), in place. */
final class Ascii {

    private Ascii() {
    }

    static boolean startsWith(byte[] b, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean digits(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return to > from;
    }

    /** A non-negative number in {@code radix} (10 or 16) filling {@code b[from, to)}, or -1. */
    static long parse(byte[] b, int from, int to, int radix) {
        if (to <= from || to - from > 15) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(b[i], radix);
            if (d < 0) {
                return -1;
            }
            value = value * radix + d;
        }
        return value;
    }

    /** A header name equal to {@code lowerName}, ignoring case and spaces before the colon. */
    static boolean nameIs(byte[] b, int from, int colon, String lowerName) {
        int to = trimEnd(b, from, colon);
        if (to - from != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            if ((b[from + i] | 0x20) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean containsIgnoreCase(byte[] b, int from, int to, String lowerWord) {
        int n = lowerWord.length();
        outer:
        for (int i = from; i <= to - n; i++) {
            for (int j = 0; j < n; j++) {
                if ((b[i + j] | 0x20) != lowerWord.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static int skipSpace(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        return from;
    }

    static int trimEnd(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** How many bytes {@link #putDecimal} writes for {@code v}. */
    static int decimalLength(long v) {
        if (v == Long.MIN_VALUE) {
            return 20;
        }
        int n = v < 0 ? 2 : 1;
        for (long x = Math.abs(v); x >= 10; x /= 10) {
            n++;
        }
        return n;
    }

    /** Writes {@code v} in decimal at {@code out[p]} without a String; returns the index after it. */
    static int putDecimal(byte[] out, int p, long v) {
        if (v == Long.MIN_VALUE) {
            byte[] text = Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, out, p, text.length);
            return p + text.length;
        }
        int end = p + decimalLength(v);
        if (v < 0) {
            out[p] = '-';
            v = -v;
        }
        int i = end;
        do {
            out[--i] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        return end;
    }
}
