package io.lem.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body of one response as it arrives in pieces, read the way {@link HttpTransport} and the API's blocking
 * reader read it (same statuses, same counts, same error texts): streamed lines split anywhere across reads, each
 * handed to the API's {@link WireDialect} in place, or a whole body, or an error body.
 */
final class WireBody {

    private static final int ERROR_BODY_BYTES = 4096;
    private static final byte[] NONE = new byte[0];

    private enum Mode { STREAM, WHOLE, ERROR, DISCARD }

    private final Tally tally;
    private final boolean stream;
    private final WireDialect dialect;
    private final LineCarry carry = new LineCarry();
    private Mode mode;
    private int httpStatus;
    private byte[] whole = NONE;
    private int wholeLength;
    private RequestRecord record;
    /** True when the record ended the response early (an error) and the rest of the body will not be read. */
    private boolean abandoned;

    WireBody(Tally tally, boolean stream, WireDialect dialect) {
        this.tally = tally;
        this.stream = stream;
        this.dialect = dialect;
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
            decided(tally.fail(status, error));
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
                    fail(RequestStatus.PROTOCOL_ERROR, "stream ended without " + dialect.lastWord() + " after "
                            + tally.chunks() + " chunks");
                }
            }
            case ERROR -> record = tally.fail(RequestStatus.HTTP_ERROR, "HTTP " + httpStatus + ": "
                    + HttpTransport.abbreviate(new String(whole, 0, wholeLength, StandardCharsets.UTF_8).strip()));
            case WHOLE -> record = dialect.whole(whole, wholeLength, tally);
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

    private void line(byte[] b, int from, int to, long arrivedNs) {
        RequestRecord decided = dialect.line(b, from, to, arrivedNs, tally);
        if (decided != null) {
            decided(decided);
        }
    }

    /** An OK end still reads the rest of the body (the connection is reused); a failure abandons it. */
    private void decided(RequestRecord decided) {
        record = decided;
        mode = Mode.DISCARD;
        abandoned = !decided.ok();
    }

    private void keep(byte[] b, int from, int to) {
        int n = to - from;
        if (wholeLength + n > whole.length) {
            whole = Arrays.copyOf(whole, Math.max(1024, Math.max(whole.length * 2, wholeLength + n)));
        }
        System.arraycopy(b, from, whole, wholeLength, n);
        wholeLength += n;
    }
}
