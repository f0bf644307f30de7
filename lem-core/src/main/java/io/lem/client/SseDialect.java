package io.lem.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.databind.JsonNode;

/** OpenAI-compatible bodies, read as {@link OpenAiReader} reads them: SSE {@code data:} events, or one object. */
final class SseDialect implements WireDialect {

    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final boolean chat;
    private final EventScan scan = new EventScan();

    SseDialect(boolean chat) {
        this.chat = chat;
    }

    @Override
    public RequestRecord line(byte[] b, int from, int to, long arrivedNs, Tally tally) {
        to = WireDialect.trimCr(b, from, to);
        if (to - from < 5 || b[from] != 'd' || b[from + 1] != 'a' || b[from + 2] != 't' || b[from + 3] != 'a'
                || b[from + 4] != ':') {
            return null; // blank separators, comments and event/id fields
        }
        int s = from + 5;
        while (s < to && space(b[s])) {
            s++;
        }
        while (to > s && space(b[to - 1])) {
            to--;
        }
        if (to - s == DONE.length && Arrays.equals(b, s, to, DONE, 0, DONE.length)) {
            return tally.ok();
        }
        if (!scan.scan(b, s, to)) {
            return tally.fail(RequestStatus.PROTOCOL_ERROR, "malformed event after " + tally.chunks() + " chunks: "
                    + HttpTransport.abbreviate(WireDialect.text(b, s, to)));
        }
        if (scan.error) {
            JsonNode event = OpenAiReader.parse(WireDialect.text(b, s, to));
            return tally.fail(RequestStatus.HTTP_ERROR, "error event: "
                    + HttpTransport.abbreviate(event.get("error").toString()));
        }
        if (chat ? scan.content : scan.text) {
            tally.chunk(arrivedNs, false);
        } else if (chat && scan.reasoning) {
            tally.chunk(arrivedNs, true);
        }
        if (scan.usage) {
            tally.usage(scan.promptTokens, scan.completionTokens);
        }
        return null;
    }

    @Override
    public RequestRecord whole(byte[] b, int length, Tally tally) {
        if (!scan.scan(b, 0, length)) {
            return tally.fail(RequestStatus.PROTOCOL_ERROR, "malformed response: "
                    + HttpTransport.abbreviate(WireDialect.joinedLines(b, length)));
        }
        if (scan.error) {
            return tally.fail(RequestStatus.HTTP_ERROR, "error: " + HttpTransport.abbreviate(
                    OpenAiReader.parse(WireDialect.joinedLines(b, length)).get("error").toString()));
        }
        if (scan.usage) {
            tally.usage(scan.promptTokens, scan.completionTokens);
        }
        if (!scan.choices) {
            return tally.fail(RequestStatus.PROTOCOL_ERROR, "response has no choices: "
                    + HttpTransport.abbreviate(WireDialect.joinedLines(b, length)));
        }
        return tally.ok();
    }

    @Override
    public String lastWord() {
        return "[DONE]";
    }

    /** What {@link String#strip()} removes, in ASCII. */
    private static boolean space(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c >= 0x1C && c <= 0x1F;
    }
}
