package io.lem.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * The body of one OpenAI-compatible response as it arrives in pieces, read the way {@link OpenAiReader} and
 * {@link HttpTransport} read it (same statuses, same counts, same error texts for HTTP errors and events): SSE lines
 * split anywhere across reads, each {@code data:} line scanned in place, or a whole JSON body, or an error body.
 */
final class WireBody {

    private static final int ERROR_BODY_BYTES = 4096;
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private enum Mode { STREAM, WHOLE, ERROR, DISCARD }

    private final Tally tally;
    private final boolean chat;
    private final boolean stream;
    private final EventScan scan;
    private final LineCarry carry = new LineCarry();
    private Mode mode;
    private int httpStatus;
    private byte[] whole;
    private int wholeLength;
    private RequestRecord record;
    /** True when the record ended the response early (an error) and the rest of the body will not be read. */
    private boolean abandoned;

    WireBody(Tally tally, boolean chat, boolean stream, EventScan scan) {
        this.tally = tally;
        this.chat = chat;
        this.stream = stream;
        this.scan = scan;
    }

    void start(int status) {
        httpStatus = status;
        tally.httpStatus(status);
        mode = status != 200 ? Mode.ERROR : stream ? Mode.STREAM : Mode.WHOLE;
    }

    RequestRecord record() {
        return record;
    }

    boolean abandoned() {
        return abandoned;
    }

    Tally tally() {
        return tally;
    }

    /** Ends the request with {@code status} unless it already has its record. */
    RequestRecord fail(RequestStatus status, String error) {
        if (record == null) {
            record = tally.fail(status, error);
            mode = Mode.DISCARD;
            abandoned = true;
        }
        return record;
    }

    void bytes(byte[] b, int from, int to, long nowNs) {
        switch (mode) {
            case STREAM -> lines(b, from, to, nowNs);
            case WHOLE, ERROR -> {
                int keep = mode == Mode.ERROR ? Math.min(to - from, ERROR_BODY_BYTES - wholeLength) : to - from;
                keep(b, from, from + keep);
                if (mode == Mode.ERROR && wholeLength >= ERROR_BODY_BYTES) {
                    end();
                    abandoned = true; // the rest of a long error body is not read, like readNBytes
                }
            }
            case DISCARD -> {
            }
        }
    }

    /** The body ended where its framing said it would (or the connection closed a body framed by the close). */
    void end() {
        switch (mode) {
            case STREAM -> {
                if (!carry.isEmpty()) {
                    line(carry.bytes(), 0, carry.length(), tally.now());
                    carry.clear();
                }
                if (record == null) {
                    fail(RequestStatus.PROTOCOL_ERROR, "stream ended without [DONE] after " + tally.chunks() + " chunks");
                }
            }
            case ERROR -> record = tally.fail(RequestStatus.HTTP_ERROR, "HTTP " + httpStatus + ": "
                    + HttpTransport.abbreviate(new String(whole(), 0, wholeLength, StandardCharsets.UTF_8).strip()));
            case WHOLE -> record = readWhole();
            case DISCARD -> {
            }
        }
        mode = Mode.DISCARD;
    }

    private void lines(byte[] b, int from, int to, long nowNs) {
        int p = from;
        while (p < to && mode == Mode.STREAM) {
            int nl = LineCarry.newline(b, p, to);
            if (nl < 0) {
                carry.append(b, p, to);
                return;
            }
            if (carry.isEmpty()) {
                line(b, p, nl, nowNs);
            } else {
                carry.append(b, p, nl);
                line(carry.bytes(), 0, carry.length(), nowNs);
                carry.clear();
            }
            p = nl + 1;
        }
    }

    /** One line without its '\n': only {@code data:} lines carry anything timed. */
    private void line(byte[] b, int from, int to, long arrivedNs) {
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        if (to - from < 5 || b[from] != 'd' || b[from + 1] != 'a' || b[from + 2] != 't' || b[from + 3] != 'a'
                || b[from + 4] != ':') {
            return; // blank separators, comments and event/id fields
        }
        int s = from + 5;
        while (s < to && space(b[s])) {
            s++;
        }
        while (to > s && space(b[to - 1])) {
            to--;
        }
        if (to - s == DONE.length && Arrays.equals(b, s, to, DONE, 0, DONE.length)) {
            record = tally.ok();
            mode = Mode.DISCARD;
            return;
        }
        if (!scan.scan(b, s, to)) {
            fail(RequestStatus.PROTOCOL_ERROR, "malformed event after " + tally.chunks() + " chunks: "
                    + HttpTransport.abbreviate(new String(b, s, to - s, StandardCharsets.UTF_8)));
            return;
        }
        if (scan.error) {
            JsonNode event = OpenAiReader.parse(new String(b, s, to - s, StandardCharsets.UTF_8));
            fail(RequestStatus.HTTP_ERROR, "error event: " + HttpTransport.abbreviate(event.get("error").toString()));
            return;
        }
        if (chat ? scan.content : scan.text) {
            tally.chunk(arrivedNs, false);
        } else if (chat && scan.reasoning) {
            tally.chunk(arrivedNs, true);
        }
        if (scan.usage) {
            tally.usage(scan.promptTokens, scan.completionTokens);
        }
    }

    private RequestRecord readWhole() {
        String text = new String(whole(), 0, wholeLength, StandardCharsets.UTF_8).lines()
                .collect(Collectors.joining("\n"));
        if (!scan.scan(whole(), 0, wholeLength)) {
            return tally.fail(RequestStatus.PROTOCOL_ERROR, "malformed response: " + HttpTransport.abbreviate(text));
        }
        if (scan.error) {
            return tally.fail(RequestStatus.HTTP_ERROR, "error: "
                    + HttpTransport.abbreviate(OpenAiReader.parse(text).get("error").toString()));
        }
        if (scan.usage) {
            tally.usage(scan.promptTokens, scan.completionTokens);
        }
        if (!scan.choices) {
            return tally.fail(RequestStatus.PROTOCOL_ERROR, "response has no choices: " + HttpTransport.abbreviate(text));
        }
        return tally.ok();
    }

    private byte[] whole() {
        return whole == null ? new byte[0] : whole;
    }

    private void keep(byte[] b, int from, int to) {
        int n = to - from;
        if (whole == null || wholeLength + n > whole.length) {
            whole = Arrays.copyOf(whole(), Math.max(1024, Math.max(whole().length * 2, wholeLength + n)));
        }
        System.arraycopy(b, from, whole, wholeLength, n);
        wholeLength += n;
    }

    /** What {@link String#strip()} removes, in ASCII. */
    private static boolean space(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c >= 0x1C && c <= 0x1F;
    }
}
