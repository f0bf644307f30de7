package io.lem.client;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * How one API's response body reads on the event loop, the way its blocking reader reads it: one streamed line at
 * a time, or a whole body. Each answers with the record once the bytes decide it (an OK end, a failure) and null
 * while the request goes on. One instance per protocol, used by one event loop.
 */
sealed interface WireDialect permits SseDialect, NdjsonDialect {

    /** One streamed line, without its {@code '\n'} (a trailing {@code '\r'} may remain). */
    RequestRecord line(byte[] b, int from, int to, long arrivedNs, Tally tally);

    /** A whole (not streamed) 200 body. */
    RequestRecord whole(byte[] b, int length, Tally tally);

    /** The word a stream must end with, for the error when it ends without it. */
    String lastWord();

    static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** The body as BufferedReader.lines() joined with '\n' gives it to the blocking readers. */
    static String joinedLines(byte[] b, int length) {
        return text(b, 0, length).lines().collect(Collectors.joining("\n"));
    }

    static int trimCr(byte[] b, int from, int to) {
        return to > from && b[to - 1] == '\r' ? to - 1 : to;
    }
}
