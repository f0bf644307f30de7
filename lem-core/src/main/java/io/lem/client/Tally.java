package io.lem.client;

import java.util.Arrays;
import java.util.function.LongConsumer;

import io.lem.time.Clock;

/** Mutable state of one request while its response is read; becomes the immutable {@link RequestRecord}. */
final class Tally {

    private final PromptRequest request;
    private final Clock clock;
    private final long sendNs;
    private final boolean streamed;
    private final LongConsumer onChunk;
    private long[] chunkTimesNs = new long[32];
    private int chunks;
    private int reasoningChunks;
    private int promptTokens = -1;
    private int completionTokens = -1;
    private int httpStatus;
    private EngineTimings timings;

    Tally(PromptRequest request, Clock clock, boolean streamed, LongConsumer onChunk) {
        this.request = request;
        this.clock = clock;
        this.streamed = streamed;
        this.onChunk = onChunk;
        this.sendNs = clock.nanoTime();
    }

    long now() {
        return clock.nanoTime();
    }

    long sendNs() {
        return sendNs;
    }

    int chunks() {
        return chunks;
    }

    void chunk(long arrivedNs, boolean reasoningOnly) {
        if (chunks == chunkTimesNs.length) {
            chunkTimesNs = Arrays.copyOf(chunkTimesNs, chunks * 2);
        }
        chunkTimesNs[chunks++] = arrivedNs;
        if (reasoningOnly) {
            reasoningChunks++;
        }
        onChunk.accept(arrivedNs);
    }

    void usage(int prompt, int completion) {
        promptTokens = prompt;
        completionTokens = completion;
    }

    void httpStatus(int status) {
        httpStatus = status;
    }

    void timings(EngineTimings engineTimings) {
        timings = engineTimings;
    }

    RequestRecord ok() {
        return record(RequestStatus.OK, null);
    }

    RequestRecord fail(RequestStatus status, String error) {
        return record(status, error);
    }

    private RequestRecord record(RequestStatus status, String error) {
        long endNs = clock.nanoTime();
        // Without server usage a stream's chunks are the best count (one token each on most engines, flagged);
        // a whole response without usage has no count at all.
        boolean approximate = completionTokens < 0 && streamed;
        int completion = approximate ? chunks : completionTokens;
        return new RequestRecord(request.id(), request.warmup(), sendNs, chunks > 0 ? chunkTimesNs[0] : -1, endNs,
                promptTokens, completion, chunks, approximate, status, error, httpStatus,
                Arrays.copyOf(chunkTimesNs, chunks), reasoningChunks, timings);
    }
}
