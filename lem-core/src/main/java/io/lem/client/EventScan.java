package io.lem.client;

/**
 * Reads the few fields a record needs out of one OpenAI-compatible JSON object in place ({@link JsonScan}):
 * whether {@code choices[0]} carries content (or reasoning) text, the {@code usage} counts, whether there is a
 * top-level {@code error}, and whether the text is JSON at all. It answers as {@link OpenAiReader}'s Jackson tree
 * would for the same bytes (a field of the wrong type counts as absent, the last duplicate key wins).
 */
final class EventScan extends JsonScan {

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

    /** The field the walker is inside: the event itself, {@code choices[0]}, its {@code delta}, {@code usage}. */
    private static final int TOP = 1;
    private static final int CHOICE = 2;
    private static final int DELTA_FIELD = 3;
    private static final int USAGE_FIELD = 4;

    boolean error;
    boolean content;
    boolean text;
    boolean reasoning;
    boolean usage;
    boolean choices;
    int promptTokens;
    int completionTokens;

    /** Scans {@code buf[from, to)}; false when it is not exactly one JSON object (what Jackson would reject). */
    boolean scan(byte[] buf, int from, int to) {
        error = content = text = reasoning = usage = choices = false;
        promptTokens = completionTokens = -1;
        return scanObject(buf, from, to, TOP);
    }

    @Override
    boolean member(int field, int keyStart, int keyEnd, int depth) {
        int inner = NONE;
        switch (field) {
            case TOP -> {
                if (is(keyStart, keyEnd, ERROR)) {
                    error = true;
                } else if (is(keyStart, keyEnd, CHOICES)) {
                    content = text = reasoning = false;
                    choices = nonEmptyArray();
                    return at('[') ? array(CHOICE, depth + 1) : value(NONE, depth);
                } else if (is(keyStart, keyEnd, USAGE)) {
                    usage = at('{');
                    if (usage) {
                        promptTokens = completionTokens = -1;
                        inner = USAGE_FIELD;
                    }
                }
            }
            case CHOICE -> {
                if (is(keyStart, keyEnd, DELTA)) {
                    content = reasoning = false;
                    inner = DELTA_FIELD;
                } else if (is(keyStart, keyEnd, TEXT)) {
                    text = nonEmptyString();
                }
            }
            case DELTA_FIELD -> {
                if (is(keyStart, keyEnd, CONTENT)) {
                    content = nonEmptyString();
                } else if (is(keyStart, keyEnd, REASONING) || is(keyStart, keyEnd, REASONING_CONTENT)) {
                    reasoning |= nonEmptyString();
                }
            }
            case USAGE_FIELD -> {
                if (is(keyStart, keyEnd, PROMPT_TOKENS)) {
                    promptTokens = integerOrAbsent();
                } else if (is(keyStart, keyEnd, COMPLETION_TOKENS)) {
                    completionTokens = integerOrAbsent();
                }
            }
            default -> {
            }
        }
        return value(inner, depth);
    }
}
