package io.lem.client;

/**
 * Reads what a record needs out of one line of Ollama's NDJSON stream in place ({@link JsonScan}): whether its
 * {@code message.content} ({@code /api/chat}) or {@code response} ({@code /api/generate}) carries text, or else
 * its {@code thinking}, and whether the line may end the stream ({@code error}, or a {@code done} that is not
 * {@code false}). It answers as {@link OllamaReader}'s Jackson tree would (a field of the wrong type counts as
 * absent, the last duplicate key wins); the closing line itself is left to that reader, once per request.
 */
final class OllamaScan extends JsonScan {

    private static final byte[] MESSAGE = bytes("message");
    private static final byte[] CONTENT = bytes("content");
    private static final byte[] RESPONSE = bytes("response");
    private static final byte[] THINKING = bytes("thinking");
    private static final byte[] ERROR = bytes("error");
    private static final byte[] DONE = bytes("done");

    private static final int TOP = 1;
    private static final int MESSAGE_FIELD = 2;

    private final boolean chat;
    boolean content;
    boolean thinking;
    /** A top-level {@code error} or {@code done} other than {@code false}: the line may close the stream. */
    boolean closing;
    private boolean error;
    private boolean done;

    /** @param chat true for {@code /api/chat} (text under {@code message}), false for {@code /api/generate} */
    OllamaScan(boolean chat) {
        this.chat = chat;
    }

    /** Scans {@code buf[from, to)}; false when it is not exactly one JSON object (what Jackson would reject). */
    boolean scan(byte[] buf, int from, int to) {
        content = thinking = closing = error = done = false;
        boolean ok = scanObject(buf, from, to, TOP);
        closing = error || done;
        return ok;
    }

    @Override
    boolean member(int field, int keyStart, int keyEnd, int depth) {
        int inner = NONE;
        if (field == TOP) {
            if (is(keyStart, keyEnd, ERROR)) {
                error = true;
            } else if (is(keyStart, keyEnd, DONE)) {
                done = !at('f');
            } else if (chat && is(keyStart, keyEnd, MESSAGE)) {
                content = thinking = false;
                inner = MESSAGE_FIELD;
            } else if (!chat) {
                text(keyStart, keyEnd, RESPONSE);
            }
        } else if (field == MESSAGE_FIELD) {
            text(keyStart, keyEnd, CONTENT);
        }
        return value(inner, depth);
    }

    /** Notes the text member (named {@code textKey}) or the thinking member at the cursor. */
    private void text(int keyStart, int keyEnd, byte[] textKey) {
        if (is(keyStart, keyEnd, textKey)) {
            content = nonEmptyString();
        } else if (is(keyStart, keyEnd, THINKING)) {
            thinking = nonEmptyString();
        }
    }
}
