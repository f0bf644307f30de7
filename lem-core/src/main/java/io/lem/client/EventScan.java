package io.lem.client;

import java.nio.charset.StandardCharsets;

/**
 * Reads the few fields a record needs out of one OpenAI-compatible JSON object in place, without building a tree
 * or allocating: whether {@code choices[0]} carries content (or reasoning) text, the {@code usage} counts, whether
 * there is a top-level {@code error}, and whether the text is JSON at all. It answers as {@link OpenAiReader}'s
 * Jackson tree would for the same bytes (a field of the wrong type counts as absent, the last duplicate key wins);
 * keys written with escapes are not recognised. One instance per reader; not thread-safe.
 */
final class EventScan {

    private static final int MAX_DEPTH = 500;
    private static final int NOT_A_NUMBER = -1;
    private static final int FRACTION = 0;
    private static final int INTEGER = 1;
    private static final byte[] CHOICES = bytes("choices");
    private static final byte[] USAGE = bytes("usage");
    private static final byte[] ERROR = bytes("error");
    private static final byte[] DELTA = bytes("delta");
    private static final byte[] CONTENT = bytes("content");
    private static final byte[] TEXT = bytes("text");
    private static final byte[] REASONING = bytes("reasoning");
    private static final byte[] REASONING_CONTENT = bytes("reasoning_content");
    private static final byte[] PROMPT_TOKENS = bytes("prompt_tokens");
    private static final byte[] COMPLETION_TOKENS = bytes("completion_tokens");

    /** What {@code choices[0]} and its {@code delta} hold, named by the field the scanner is inside. */
    private enum Field { NONE, TOP, CHOICE, DELTA, USAGE }

    boolean error;
    boolean content;
    boolean text;
    boolean reasoning;
    boolean usage;
    boolean choices;
    int promptTokens;
    int completionTokens;

    private byte[] b;
    private int pos;
    private int end;
    private long lastInteger;

    /** Scans {@code buf[from, to)}; false when it is not exactly one JSON object (what Jackson would reject). */
    boolean scan(byte[] buf, int from, int to) {
        error = content = text = reasoning = usage = choices = false;
        promptTokens = completionTokens = -1;
        b = buf;
        pos = from;
        end = to;
        skipSpace();
        if (pos >= end || b[pos] != '{') {
            return false;
        }
        boolean ok = object(Field.TOP, 0);
        skipSpace();
        b = null;
        return ok && pos == end;
    }

    private boolean object(Field field, int depth) {
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

    /** One member's value, noting it when its key is one a record needs. */
    private boolean member(Field field, int keyStart, int keyEnd, int depth) {
        Field inner = Field.NONE;
        switch (field) {
            case TOP -> {
                if (is(keyStart, keyEnd, ERROR)) {
                    error = true;
                } else if (is(keyStart, keyEnd, CHOICES)) {
                    content = text = reasoning = choices = false;
                    return pos < end && b[pos] == '[' ? array(Field.CHOICE, depth + 1) : value(Field.NONE, depth);
                } else if (is(keyStart, keyEnd, USAGE)) {
                    usage = false;
                    if (pos < end && b[pos] == '{') {
                        usage = true;
                        promptTokens = completionTokens = -1;
                        inner = Field.USAGE;
                    }
                }
            }
            case CHOICE -> {
                if (is(keyStart, keyEnd, DELTA)) {
                    content = reasoning = false;
                    inner = Field.DELTA;
                } else if (is(keyStart, keyEnd, TEXT)) {
                    text = nonEmptyString();
                }
            }
            case DELTA -> {
                if (is(keyStart, keyEnd, CONTENT)) {
                    content = nonEmptyString();
                } else if (is(keyStart, keyEnd, REASONING) || is(keyStart, keyEnd, REASONING_CONTENT)) {
                    reasoning |= nonEmptyString();
                }
            }
            case USAGE -> {
                if (is(keyStart, keyEnd, PROMPT_TOKENS)) {
                    promptTokens = integerOrAbsent();
                } else if (is(keyStart, keyEnd, COMPLETION_TOKENS)) {
                    completionTokens = integerOrAbsent();
                }
            }
            case NONE -> {
            }
        }
        return value(inner, depth);
    }

    /** True when the value at the cursor is a non-empty string (without moving the cursor). */
    private boolean nonEmptyString() {
        return pos + 1 < end && b[pos] == '"' && b[pos + 1] != '"';
    }

    /** The integer at the cursor when it is a JSON integer that fits an int, else -1 (without moving the cursor). */
    private int integerOrAbsent() {
        int saved = pos;
        int kind = number();
        pos = saved;
        return kind == INTEGER && lastInteger >= Integer.MIN_VALUE && lastInteger <= Integer.MAX_VALUE
                ? (int) lastInteger : -1;
    }

    private boolean value(Field field, int depth) {
        if (pos >= end) {
            return false;
        }
        byte c = b[pos];
        return switch (c) {
            case '{' -> object(field, depth + 1);
            case '[' -> array(Field.NONE, depth + 1);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number() != NOT_A_NUMBER;
        };
    }

    /** An array; its first element is read as {@code first} (the choice of {@code choices}), the others skipped. */
    private boolean array(Field first, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        pos++;
        skipSpace();
        if (pos < end && b[pos] == ']') {
            pos++;
            return true;
        }
        choices |= first == Field.CHOICE;
        for (Field element = first; ; element = Field.NONE) {
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

    /** Skips a string at the cursor (opening quote included); false on a control character or a bad escape. */
    private boolean string() {
        pos++;
        while (pos < end) {
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

    private boolean literal(String word) {
        if (end - pos < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += word.length();
        return true;
    }

    private void skipSpace() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
            pos++;
        }
    }

    private boolean is(int from, int to, byte[] key) {
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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
