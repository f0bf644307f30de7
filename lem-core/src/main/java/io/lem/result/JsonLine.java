package io.lem.result;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One JSON line built in a reusable UTF-8 buffer, byte for byte as {@link Json#compact()} writes the same values:
 * doubles as {@link Double#toString(double)} (NaN and the infinities as the strings Jackson writes), strings escaped
 * as Jackson's UTF-8 generator escapes them ({@code \" \\ \b \t \n \f \r}, other controls and unpaired surrogates as
 * {@code \}{@code uXXXX}, everything else raw UTF-8). Rows written often (requests.jsonl) use it to skip the map and
 * the tree walk; one instance per writing thread, {@link #clear} between lines.
 */
public final class JsonLine {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final long[] POW10 = new long[19];
    /** Below this many units a quotient can have more than 15 significant digits. */
    private static final long EXACT_UNITS = 1_000_000_000_000_000L;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private byte[] buf = new byte[512];
    private int size;
    /** Digits of one number: StringBuilder's append(double) is Double.toString without a String per call. */
    private final StringBuilder digits = new StringBuilder(32);
    /** Bit d set: the container at depth d already holds a value, so the next one needs a comma (63 levels). */
    private long filled;
    private int depth;
    private boolean afterName;

    public JsonLine clear() {
        size = 0;
        filled = 0;
        depth = 0;
        afterName = false;
        return this;
    }

    public JsonLine beginObject() {
        return open('{');
    }

    public JsonLine endObject() {
        return close('}');
    }

    public JsonLine beginArray() {
        return open('[');
    }

    public JsonLine endArray() {
        return close(']');
    }

    /** The key of the next value (an object's member). */
    public JsonLine name(String key) {
        separate();
        quoted(key);
        put((byte) ':');
        afterName = true;
        return this;
    }

    public JsonLine value(long v) {
        separate();
        if (v == Long.MIN_VALUE) {
            digits.setLength(0);
            return ascii(digits.append(v));
        }
        if (v < 0) {
            put((byte) '-');
            v = -v;
        }
        return whole(v);
    }

    /** Jackson's rendering: Double.toString, or "NaN", "Infinity", "-Infinity" as strings. */
    public JsonLine value(double v) {
        separate();
        digits.setLength(0);
        digits.append(v);
        if (Double.isFinite(v)) {
            return ascii(digits);
        }
        put((byte) '"');
        ascii(digits);
        put((byte) '"');
        return this;
    }

    /**
     * The double {@code units / 10^decimals} (decimals 1 to 9), exactly as {@link #value(double)} writes it, without
     * the shortest-digits search where the answer is known: a quotient of under 10^15 units has at most 15
     * significant digits, so it is the one decimal that short in its double's rounding interval, and so the digits
     * Double.toString picks. Times in ms or s from nanoseconds are such quotients.
     */
    public JsonLine scaled(long units, int decimals) {
        if (decimals < 1 || decimals > 9) {
            throw new IllegalArgumentException("decimals " + decimals + " outside 1..9");
        }
        long abs = Math.abs(units);
        long low = decimals >= 3 ? POW10[decimals - 3] : 1;
        // outside [1e-3, 1e7) Double.toString switches to E notation: let it
        if (abs < low || abs >= EXACT_UNITS || abs >= POW10[decimals + 7]) {
            return value(units / (double) POW10[decimals]);
        }
        separate();
        if (units < 0) {
            put((byte) '-');
        }
        whole(abs / POW10[decimals]);
        put((byte) '.');
        long fraction = abs % POW10[decimals];
        int width = decimals;
        while (width > 1 && fraction % 10 == 0) {
            fraction /= 10;
            width--;
        }
        return digitsOf(fraction, width);
    }

    /** A name written often: its quoted, escaped bytes and the colon, built once. */
    public static final class Key {

        private final byte[] bytes;

        private Key(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    public static Key key(String name) {
        JsonLine line = new JsonLine();
        line.quoted(name);
        line.put((byte) ':');
        return new Key(line.toByteArray());
    }

    /** The key of the next value, built once by {@link #key}. */
    public JsonLine name(Key key) {
        separate();
        raw(key.bytes);
        afterName = true;
        return this;
    }

    /** A finite double, or null in its place (JSON has no NaN: see {@link Json#finiteOrNull}). */
    public JsonLine finiteOrNull(double v) {
        return Double.isFinite(v) ? value(v) : nullValue();
    }

    public JsonLine value(boolean v) {
        separate();
        return raw(v ? TRUE : FALSE);
    }

    /** A string, or null. */
    public JsonLine value(String s) {
        if (s == null) {
            return nullValue();
        }
        separate();
        quoted(s);
        return this;
    }

    public JsonLine nullValue() {
        separate();
        return raw(NULL);
    }

    /** Ends the line. */
    public JsonLine newline() {
        put((byte) '\n');
        return this;
    }

    public int size() {
        return size;
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    @Override
    public String toString() {
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }

    private JsonLine open(char c) {
        separate();
        put((byte) c);
        depth++;
        filled &= ~(1L << depth);
        return this;
    }

    private JsonLine close(char c) {
        depth--;
        put((byte) c);
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        long bit = 1L << depth;
        if ((filled & bit) != 0) {
            put((byte) ',');
        }
        filled |= bit;
    }

    private void quoted(String s) {
        put((byte) '"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    put((byte) '\\');
                }
                put((byte) c);
            } else if (c < 0x20) {
                control(c);
            } else if (c < 0x800) {
                ensure(2);
                buf[size++] = (byte) (0xC0 | c >> 6);
                buf[size++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                three(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4);
                buf[size++] = (byte) (0xF0 | cp >> 18);
                buf[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[size++] = (byte) (0x80 | cp & 0x3F);
            } else {
                unicodeEscape(c);
            }
        }
        put((byte) '"');
    }

    private void control(char c) {
        byte shortEscape = switch (c) {
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (shortEscape == 0) {
            unicodeEscape(c);
        } else {
            put((byte) '\\');
            put(shortEscape);
        }
    }

    private void unicodeEscape(char c) {
        ensure(6);
        buf[size++] = '\\';
        buf[size++] = 'u';
        buf[size++] = HEX[c >> 12];
        buf[size++] = HEX[c >> 8 & 0xF];
        buf[size++] = HEX[c >> 4 & 0xF];
        buf[size++] = HEX[c & 0xF];
    }

    private void three(char c) {
        ensure(3);
        buf[size++] = (byte) (0xE0 | c >> 12);
        buf[size++] = (byte) (0x80 | c >> 6 & 0x3F);
        buf[size++] = (byte) (0x80 | c & 0x3F);
    }

    /** A non-negative whole number's digits. */
    private JsonLine whole(long v) {
        int width = 1;
        while (width < 19 && v >= POW10[width]) {
            width++;
        }
        return digitsOf(v, width);
    }

    /** The last {@code width} digits of a non-negative number, zero-padded, written from the right. */
    private JsonLine digitsOf(long v, int width) {
        ensure(width);
        for (int i = size + width - 1; i >= size; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += width;
        return this;
    }

    private JsonLine ascii(CharSequence chars) {
        int n = chars.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) chars.charAt(i);
        }
        return this;
    }

    private JsonLine raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    private void put(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
