package io.lem.result;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One JSON line built in a reusable UTF-8 buffer, byte for byte as {@link Json#compact()} writes the same values:
 * doubles as {@link Double#toString(double)} (NaN and the infinities as the strings Jackson writes), strings escaped
 * as Jackson's UTF-8 generator escapes them ({@code \" \\ \b \t \n \f \r}, other controls and unpaired surrogates as
 * {@code \}{@code uXXXX}, everything else raw UTF-8). Rows written often (requests.jsonl) use it to skip the map and
 * the tree walk; one instance per writing thread, {@link #clear} between lines.
 */
public final class JsonLine {

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final long[] POW10 = JsonBytes.POW10;
    /** Below this many units a quotient can have more than 15 significant digits. */
    private static final long EXACT_UNITS = 1_000_000_000_000_000L;

    private final JsonBytes bytes = new JsonBytes();
    /** Digits of one number: StringBuilder's append(double) is Double.toString without a String per call. */
    private final StringBuilder digits = new StringBuilder(32);
    /** Bit d set: the container at depth d already holds a value, so the next one needs a comma (63 levels). */
    private long filled;
    private int depth;
    private boolean afterName;

    public JsonLine clear() {
        bytes.clear();
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
        bytes.quoted(key);
        bytes.put((byte) ':');
        afterName = true;
        return this;
    }

    public JsonLine value(long v) {
        separate();
        if (v == Long.MIN_VALUE) {
            digits.setLength(0);
            bytes.ascii(digits.append(v));
            return this;
        }
        if (v < 0) {
            bytes.put((byte) '-');
            v = -v;
        }
        bytes.whole(v);
        return this;
    }

    /** Jackson's rendering: Double.toString, or "NaN", "Infinity", "-Infinity" as strings. */
    public JsonLine value(double v) {
        separate();
        digits.setLength(0);
        digits.append(v);
        if (Double.isFinite(v)) {
            bytes.ascii(digits);
            return this;
        }
        bytes.put((byte) '"');
        bytes.ascii(digits);
        bytes.put((byte) '"');
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
            bytes.put((byte) '-');
        }
        bytes.whole(abs / POW10[decimals]);
        bytes.put((byte) '.');
        long fraction = abs % POW10[decimals];
        int width = decimals;
        while (width > 1 && fraction % 10 == 0) {
            fraction /= 10;
            width--;
        }
        bytes.digitsOf(fraction, width);
        return this;
    }

    /** A name written often: its quoted, escaped bytes and the colon, built once. */
    public static final class Key {

        private final byte[] bytes;

        private Key(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    public static Key key(String name) {
        JsonBytes key = new JsonBytes();
        key.quoted(name);
        key.put((byte) ':');
        return new Key(key.toByteArray());
    }

    /** The key of the next value, built once by {@link #key}. */
    public JsonLine name(Key key) {
        separate();
        bytes.raw(key.bytes);
        afterName = true;
        return this;
    }

    /** A finite double, or null in its place (JSON has no NaN: see {@link Json#finiteOrNull}). */
    public JsonLine finiteOrNull(double v) {
        return Double.isFinite(v) ? value(v) : nullValue();
    }

    public JsonLine value(boolean v) {
        separate();
        bytes.raw(v ? TRUE : FALSE);
        return this;
    }

    /** A string, or null. */
    public JsonLine value(String s) {
        if (s == null) {
            return nullValue();
        }
        separate();
        bytes.quoted(s);
        return this;
    }

    public JsonLine nullValue() {
        separate();
        bytes.raw(NULL);
        return this;
    }

    /** Ends the line. */
    public JsonLine newline() {
        bytes.put((byte) '\n');
        return this;
    }

    public int size() {
        return bytes.size();
    }

    public void writeTo(OutputStream out) throws IOException {
        bytes.writeTo(out);
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    @Override
    public String toString() {
        return bytes.toString();
    }

    private JsonLine open(char c) {
        separate();
        bytes.put((byte) c);
        depth++;
        filled &= ~(1L << depth);
        return this;
    }

    private JsonLine close(char c) {
        depth--;
        bytes.put((byte) c);
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        long bit = 1L << depth;
        if ((filled & bit) != 0) {
            bytes.put((byte) ',');
        }
        filled |= bit;
    }
}
