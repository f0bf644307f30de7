package io.lem.client;

import java.nio.charset.StandardCharsets;

/**
 * The JSON grammar an in-place scanner walks, without building a tree or allocating: objects, arrays, strings,
 * numbers and literals, checked the way Jackson checks them. Which members matter is the subclass's business
 * ({@link #member}); the walker only tells it where each key is and what field it sits in. Keys written with
 * escapes are not recognised. Not thread-safe: one instance per reader.
 */
abstract class JsonScan {

    /** The field code of a member nobody asked about. */
    static final int NONE = 0;

    private static final int MAX_DEPTH = 500;
    private static final int NOT_A_NUMBER = -1;
    private static final int INTEGER = 1;
    private static final int FRACTION = 2;
    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    private static final byte[] NULL = bytes("null");

    /** The text being scanned and the cursor in it; valid only during {@link #scanObject}. */
    byte[] b;
    int pos;
    int end;
    private long lastInteger;

    /**
     * Called with the cursor on a member's value: note what it holds (without moving the cursor) and walk it, with
     * {@link #value} for a value with nothing inside to note or an inner field code for one that has.
     */
    abstract boolean member(int field, int keyStart, int keyEnd, int depth);

    /** Walks {@code buf[from, to)} as object {@code top}; false when it is not exactly one JSON object. */
    final boolean scanObject(byte[] buf, int from, int to, int top) {
        b = buf;
        pos = from;
        end = to;
        skipSpace();
        boolean ok = pos < end && b[pos] == '{' && object(top, 0);
        skipSpace();
        b = null;
        return ok && pos == end;
    }

    final boolean object(int field, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        pos++; // '{'
        skipSpace();
        if (pos < end && b[pos] == '}') {
            pos++;
            return true;
        }
        while (true) {
            skipSpace();
            if (pos >= end || b[pos] != '"') {
                return false;
            }
            int keyStart = pos + 1;
            if (!string()) {
                return false;
            }
            int keyEnd = pos - 1;
            skipSpace();
            if (pos >= end || b[pos++] != ':') {
                return false;
            }
            skipSpace();
            if (!member(field, keyStart, keyEnd, depth)) {
                return false;
            }
            skipSpace();
            if (pos >= end) {
                return false;
            }
            byte c = b[pos++];
            if (c == '}') {
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    /** The value at the cursor; an object in it is walked as {@code field}. */
    final boolean value(int field, int depth) {
        if (pos >= end) {
            return false;
        }
        return switch (b[pos]) {
            case '{' -> object(field, depth + 1);
            case '[' -> array(NONE, depth + 1);
            case '"' -> string();
            case 't' -> literal(TRUE);
            case 'f' -> literal(FALSE);
            case 'n' -> literal(NULL);
            default -> number() != NOT_A_NUMBER;
        };
    }

    /** An array; its first element is walked as {@code first}, the others as {@link #NONE}. */
    final boolean array(int first, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        pos++;
        skipSpace();
        if (pos < end && b[pos] == ']') {
            pos++;
            return true;
        }
        for (int element = first; ; element = NONE) {
            skipSpace();
            if (!value(element, depth)) {
                return false;
            }
            skipSpace();
            if (pos >= end) {
                return false;
            }
            byte c = b[pos++];
            if (c == ']') {
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    /** True when the value at the cursor is an array with at least one element (without moving the cursor). */
    final boolean nonEmptyArray() {
        if (pos >= end || b[pos] != '[') {
            return false;
        }
        int p = pos + 1;
        while (p < end && space(b[p])) {
            p++;
        }
        return p < end && b[p] != ']';
    }

    /** True when the value at the cursor is a non-empty string (without moving the cursor). */
    final boolean nonEmptyString() {
        return pos + 1 < end && b[pos] == '"' && b[pos + 1] != '"';
    }

    /** True when the value at the cursor starts with {@code c} (without moving the cursor). */
    final boolean at(char c) {
        return pos < end && b[pos] == c;
    }

    /** The integer at the cursor when it is a JSON integer that fits an int, else -1 (without moving the cursor). */
    final int integerOrAbsent() {
        int saved = pos;
        int kind = number();
        pos = saved;
        return kind == INTEGER && lastInteger >= Integer.MIN_VALUE && lastInteger <= Integer.MAX_VALUE
                ? (int) lastInteger : -1;
    }

    /** True when the key {@code b[from, to)} is exactly {@code key}. */
    final boolean is(int from, int to, byte[] key) {
        if (to - from != key.length) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (b[from + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Skips a string at the cursor (opening quote included); false on a control character or a bad escape. */
    private boolean string() {
        pos++;
        while (pos < end) {
            pos = Swar.stringRun(b, pos, end);
            if (pos >= end) {
                return false;
            }
            byte c = b[pos++];
            if (c == '"') {
                return true;
            }
            if (c == '\\') {
                if (pos >= end) {
                    return false;
                }
                byte e = b[pos++];
                if (e == 'u') {
                    for (int i = 0; i < 4; i++) {
                        if (pos >= end || Character.digit(b[pos++], 16) < 0) {
                            return false;
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                    return false;
                }
            } else if (c >= 0 && c < 0x20) {
                return false;
            }
        }
        return false;
    }

    /** Skips a JSON number: NOT_A_NUMBER, FRACTION, or INTEGER with its value in lastInteger (or one too big). */
    private int number() {
        boolean negative = pos < end && b[pos] == '-';
        if (negative) {
            pos++;
        }
        int digitsStart = pos;
        long value = 0;
        boolean overflow = false;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            int d = b[pos++] - '0';
            overflow |= value > (Long.MAX_VALUE - d) / 10;
            value = value * 10 + d;
        }
        int digits = pos - digitsStart;
        if (digits == 0 || digits > 1 && b[digitsStart] == '0') {
            return NOT_A_NUMBER;
        }
        int kind = INTEGER;
        if (pos < end && b[pos] == '.') {
            kind = FRACTION;
            pos++;
            if (!digits()) {
                return NOT_A_NUMBER;
            }
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            kind = FRACTION;
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (!digits()) {
                return NOT_A_NUMBER;
            }
        }
        lastInteger = overflow ? Long.MAX_VALUE : negative ? -value : value;
        return kind;
    }

    private boolean digits() {
        int start = pos;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        return pos > start;
    }

    private boolean literal(byte[] word) {
        if (end - pos < word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[pos + i] != word[i]) {
                return false;
            }
        }
        pos += word.length;
        return true;
    }

    private void skipSpace() {
        while (pos < end && space(b[pos])) {
            pos++;
        }
    }

    private static boolean space(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
