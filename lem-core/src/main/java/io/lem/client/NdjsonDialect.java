package io.lem.client;

/**
 * Ollama's bodies, read as {@link OllamaReader} reads them: one JSON object a line, the stream closed by
 * {@code done: true} (whose counts and durations the blocking reader's own code reads), or one object.
 */
final class NdjsonDialect implements WireDialect {

    private final OllamaScan scan;

    /** @param chat true for {@code /api/chat}, false for {@code /api/generate} */
    NdjsonDialect(boolean chat) {
        this.scan = new OllamaScan(chat);
    }

    @Override
    public RequestRecord line(byte[] b, int from, int to, long arrivedNs, Tally tally) {
        to = WireDialect.trimCr(b, from, to);
        if (blank(b, from, to)) {
            return null;
        }
        if (!scan.scan(b, from, to)) {
            return tally.fail(RequestStatus.PROTOCOL_ERROR, "malformed line after " + tally.chunks() + " chunks: "
                    + HttpTransport.abbreviate(WireDialect.text(b, from, to)));
        }
        if (scan.content) {
            tally.chunk(arrivedNs, false);
        } else if (scan.thinking) {
            tally.chunk(arrivedNs, true);
        }
        // once a request: the closing line goes through the blocking reader's own tree code
        return scan.closing ? OllamaReader.closing(WireDialect.text(b, from, to), tally) : null;
    }

    @Override
    public RequestRecord whole(byte[] b, int length, Tally tally) {
        return OllamaReader.whole(WireDialect.joinedLines(b, length), tally);
    }

    @Override
    public String lastWord() {
        return "done:true";
    }

    /** As String.isBlank on the decoded line, for the ASCII whitespace a line can hold. */
    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (!(c == ' ' || c == '\t' || c == 0x0B || c == '\f' || c == '\r' || c >= 0x1C && c <= 0x1F)) {
                return false;
            }
        }
        return true;
    }
}
