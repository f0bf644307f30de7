package io.lem.client;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.ByteBuffer;

/**
 * One request on a keep-alive HTTP/1.1 connection, driven by whoever owns the socket: the request's bytes, then
 * the response fed in as it arrives, in pieces of any size. It reads only what a record needs: the status line,
 * Content-Length or chunked framing, {@code Connection: close}, and the body through {@link WireBody}. The record
 * is known as soon as the response says it ({@code [DONE]}, an error); the rest of the body is still read so the
 * connection can be reused. Not thread-safe: one event loop owns it.
 */
public final class WireExchange {

    private static final int MAX_LINE_BYTES = 64 * 1024;

    private enum State { STATUS, HEADERS, LENGTH_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, CLOSE_BODY, END }

    private final WireProtocol protocol;
    private final ByteBuffer request;
    private final WireBody body;
    private final LineCarry carry = new LineCarry();
    private State state = State.STATUS;
    private int status;
    private long contentLength = -1;
    private boolean chunked;
    private boolean close;
    private long remaining;
    private boolean started;
    private boolean excess;

    WireExchange(WireProtocol protocol, byte[] request, WireBody body) {
        this.protocol = protocol;
        this.request = ByteBuffer.wrap(request);
        this.body = body;
    }

    /** The request's bytes, positioned at what is still to be written. */
    public ByteBuffer request() {
        return request;
    }

    /** Rewinds the request for a retry on a fresh connection. */
    public void rewind() {
        request.rewind();
    }

    /** The record once the outcome is known, else null. */
    public RequestRecord record() {
        return body.record();
    }

    /** True once the response has been read to its end or abandoned: the connection is free or must close. */
    public boolean done() {
        return state == State.END || body.abandoned();
    }

    /** True when the connection can carry the next request. */
    public boolean reusable() {
        return state == State.END && !body.abandoned() && !close && !excess;
    }

    /** True once any byte of the response arrived (a reused connection closed before that may be retried). */
    public boolean responseStarted() {
        return started;
    }

    /** Feeds {@code b[from, to)}, which arrived at {@code nowNs}. */
    public void feed(byte[] b, int from, int to, long nowNs) {
        started |= to > from;
        int p = from;
        while (p < to && !done()) {
            switch (state) {
                case LENGTH_BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, to - p);
                    body.bytes(b, p, p + n, nowNs);
                    p += n;
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == State.LENGTH_BODY) {
                            finish();
                        } else {
                            state = State.CHUNK_END;
                        }
                    }
                }
                case CLOSE_BODY -> {
                    body.bytes(b, p, to, nowNs);
                    p = to;
                }
                default -> p = frameLine(b, p, to);
            }
        }
        excess |= p < to; // bytes after the response: pipelining we never asked for
    }

    /** The server closed the connection (read returned end of stream). */
    public RequestRecord closed() {
        if (state == State.CLOSE_BODY) {
            finish();
            close = true;
            return body.record();
        }
        close = true;
        return body.fail(RequestStatus.CONNECTION_ERROR, "IOException: the server closed the connection "
                + (started ? "mid-response" : "before answering") + " after " + body.tally().chunks() + " chunks");
    }

    public RequestRecord failed(IOException e) {
        if (e instanceof ConnectException) {
            return body.fail(RequestStatus.CONNECTION_ERROR, "connection refused by " + protocol.endpoint()
                    + "; is the server running and listening there?");
        }
        return body.fail(RequestStatus.CONNECTION_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage()
                + " after " + body.tally().chunks() + " chunks");
    }

    public RequestRecord timedOut() {
        return body.fail(RequestStatus.TIMEOUT, "no complete response within " + protocol.timeout().toMillis()
                + " ms (" + body.tally().chunks() + " chunks received); raise the timeout or lower the load");
    }

    /** The load was stopped while this request was in flight. */
    public RequestRecord cancelled(String reason) {
        return body.fail(RequestStatus.CONNECTION_ERROR, "cancelled (" + reason + ") after " + body.tally().chunks()
                + " chunks");
    }

    /** The send time on the run's clock. */
    public long sendNs() {
        return body.tally().sendNs();
    }

    private int frameLine(byte[] b, int p, int to) {
        int nl = LineCarry.newline(b, p, to);
        if (nl < 0) {
            carry.append(b, p, to);
            if (carry.length() > MAX_LINE_BYTES) {
                body.fail(RequestStatus.PROTOCOL_ERROR, "not an HTTP response: a header line over "
                        + MAX_LINE_BYTES + " bytes");
            }
            return to;
        }
        if (carry.isEmpty()) {
            line(b, p, nl);
        } else {
            carry.append(b, p, nl);
            line(carry.bytes(), 0, carry.length());
            carry.clear();
        }
        return nl + 1;
    }

    private void line(byte[] b, int from, int to) {
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        switch (state) {
            case STATUS -> statusLine(b, from, to);
            case HEADERS -> {
                if (to == from) {
                    endOfHead();
                } else {
                    header(b, from, to);
                }
            }
            case CHUNK_SIZE -> chunkSize(b, from, to);
            case CHUNK_END -> state = State.CHUNK_SIZE;
            case TRAILER -> {
                if (to == from) {
                    finish();
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void statusLine(byte[] b, int from, int to) {
        if (to - from >= 12 && Ascii.startsWith(b, from, to, "HTTP/1.") && b[from + 8] == ' '
                && Ascii.digits(b, from + 9, from + 12)) {
            status = (int) Ascii.parse(b, from + 9, from + 12, 10);
            state = State.HEADERS;
            contentLength = -1;
            chunked = false;
        } else {
            body.fail(RequestStatus.PROTOCOL_ERROR, "not an HTTP response: status line '"
                    + HttpTransport.abbreviate(Ascii.text(b, from, to)) + "'");
        }
    }

    private void header(byte[] b, int from, int to) {
        int colon = from;
        while (colon < to && b[colon] != ':') {
            colon++;
        }
        if (colon == to) {
            return;
        }
        if (Ascii.nameIs(b, from, colon, "content-length")) {
            long length = Ascii.parse(b, Ascii.skipSpace(b, colon + 1, to), Ascii.trimEnd(b, colon + 1, to), 10);
            contentLength = length < 0 ? -2 : length;
        } else if (Ascii.nameIs(b, from, colon, "transfer-encoding")) {
            chunked |= Ascii.containsIgnoreCase(b, colon + 1, to, "chunked");
        } else if (Ascii.nameIs(b, from, colon, "connection")) {
            close |= Ascii.containsIgnoreCase(b, colon + 1, to, "close");
        }
    }

    private void endOfHead() {
        if (status >= 100 && status < 200) {
            state = State.STATUS; // an interim response: the real one follows
            return;
        }
        body.start(status);
        if (status == 204 || status == 304) {
            finish();
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = State.LENGTH_BODY;
            if (remaining == 0) {
                finish();
            }
        } else if (contentLength == -1) {
            state = State.CLOSE_BODY;
            close = true;
        } else {
            body.fail(RequestStatus.PROTOCOL_ERROR, "not an HTTP response: a bad Content-Length");
        }
    }

    private void chunkSize(byte[] b, int from, int to) {
        int end = from;
        while (end < to && b[end] != ';' && b[end] != ' ' && b[end] != '\t') {
            end++;
        }
        long size = Ascii.parse(b, from, end, 16);
        if (size < 0) {
            body.fail(RequestStatus.CONNECTION_ERROR, "IOException: bad chunk size '"
                    + HttpTransport.abbreviate(Ascii.text(b, from, to)) + "' after " + body.tally().chunks() + " chunks");
        } else if (size == 0) {
            state = State.TRAILER;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private void finish() {
        state = State.END;
        body.end();
    }
}
