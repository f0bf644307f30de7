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
    /** Most chunks cost one token: a stream asked for n tokens rarely needs more than n slots, nor a copy. */
    private static final int MAX_PRESIZED_CHUNKS = 1024;

    private long[] chunkTimesNs;
    /** True once the record took {@link #chunkTimesNs} itself: a late chunk must not write into it. */
    private boolean handedOver;
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
        int expected = request.maxOutputTokens();
        this.chunkTimesNs = new long[expected > 0 && expected <= MAX_PRESIZED_CHUNKS ? expected : 32];
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
        if (chunks == chunkTimesNs.length || handedOver) {
            chunkTimesNs = Arrays.copyOf(chunkTimesNs, Math.max(1, chunks * 2));
            handedOver = false;
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
                times(), reasoningChunks, timings);
    }

    /** The chunk times, exactly {@code chunks} long: the array itself when it is full (no copy on the hot path). */
    private long[] times() {
        if (chunks != chunkTimesNs.length) {
            return Arrays.copyOf(chunkTimesNs, chunks);
        }
        handedOver = true;
        return chunkTimesNs;
    }
}
