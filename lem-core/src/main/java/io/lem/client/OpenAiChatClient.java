package io.lem.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.lem.meter.Clock;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams OpenAI-compatible {@code /v1/chat/completions} with {@code stream_options.include_usage} and vLLM's
 * {@code ignore_eos}, timing the first content chunk and the end on the run's clock.
 */
public final class OpenAiChatClient implements InferenceClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI endpoint;
    private final String model;
    private final Clock clock;
    private final Duration timeout;

    public OpenAiChatClient(HttpClient http, URI baseUrl, String model, Clock clock, Duration timeout) {
        this.http = http;
        this.endpoint = baseUrl.resolve("/v1/chat/completions");
        this.model = model;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public RequestRecord send(PromptRequest request) {
        String body = JSON.writeValueAsString(Map.of(
                "model", model,
                "messages", List.of(Map.of("role", "user", "content", request.prompt())),
                "max_tokens", request.maxOutputTokens(),
                "ignore_eos", true,
                "temperature", 0,
                "seed", request.seed(),
                "stream", true,
                "stream_options", Map.of("include_usage", true)));
        HttpRequest httpRequest = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        Tally tally = new Tally(request, clock.nanoTime());
        try {
            HttpResponse<Stream<String>> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = response.body()) {
                if (response.statusCode() != 200) {
                    String text = String.join(" ", lines.limit(20).toList());
                    return tally.fail(RequestStatus.HTTP_ERROR, "HTTP " + response.statusCode() + ": " + abbreviate(text));
                }
                return readStream(lines.iterator(), tally);
            }
        } catch (HttpTimeoutException e) {
            return tally.fail(RequestStatus.TIMEOUT, "no response within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return tally.fail(RequestStatus.CONNECTION_ERROR, "connection refused by " + endpoint);
        } catch (IOException | java.io.UncheckedIOException e) {
            return tally.fail(RequestStatus.CONNECTION_ERROR, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return tally.fail(RequestStatus.CONNECTION_ERROR, "interrupted");
        }
    }

    private RequestRecord readStream(Iterator<String> lines, Tally tally) {
        boolean done = false;
        while (lines.hasNext()) {
            String line = lines.next();
            if (!line.startsWith("data:")) {
                continue; // blank separators, comments and event/id fields carry nothing we time
            }
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                done = true;
                break;
            }
            JsonNode chunk;
            try {
                chunk = JSON.readTree(data);
            } catch (JacksonException e) {
                return tally.fail(RequestStatus.PROTOCOL_ERROR, "malformed event: " + abbreviate(data));
            }
            if (chunk.has("error")) {
                return tally.fail(RequestStatus.HTTP_ERROR, "error event: " + abbreviate(chunk.get("error").toString()));
            }
            JsonNode choices = chunk.path("choices");
            if (choices.isArray() && !choices.isEmpty()) {
                String content = choices.get(0).path("delta").path("content").asString("");
                if (!content.isEmpty()) {
                    tally.chunk(clock.nanoTime());
                }
            }
            JsonNode usage = chunk.path("usage");
            if (usage.isObject()) {
                tally.usage(usage.path("prompt_tokens").asInt(-1), usage.path("completion_tokens").asInt(-1));
            }
        }
        if (!done) {
            return tally.fail(RequestStatus.PROTOCOL_ERROR, "stream ended without [DONE] after " + tally.chunks + " chunks");
        }
        return tally.ok(clock.nanoTime());
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    /** Mutable state of one request while its stream is read. */
    private final class Tally {
        private final PromptRequest request;
        private final long sendNs;
        private long firstTokenNs = -1;
        private long[] chunkTimesNs = new long[16];
        private int chunks;
        private int promptTokens = -1;
        private int completionTokens = -1;

        Tally(PromptRequest request, long sendNs) {
            this.request = request;
            this.sendNs = sendNs;
        }

        void chunk(long now) {
            if (firstTokenNs < 0) {
                firstTokenNs = now;
            }
            if (chunks == chunkTimesNs.length) {
                chunkTimesNs = java.util.Arrays.copyOf(chunkTimesNs, chunks * 2);
            }
            chunkTimesNs[chunks++] = now;
        }

        void usage(int prompt, int completion) {
            promptTokens = prompt;
            completionTokens = completion;
        }

        RequestRecord ok(long endNs) {
            boolean approximate = completionTokens < 0;
            return new RequestRecord(request.id(), request.warmup(), sendNs, firstTokenNs, endNs, promptTokens,
                    approximate ? chunks : completionTokens, chunks, approximate, RequestStatus.OK, null,
                    java.util.Arrays.copyOf(chunkTimesNs, chunks));
        }

        RequestRecord fail(RequestStatus status, String error) {
            return new RequestRecord(request.id(), request.warmup(), sendNs, firstTokenNs, clock.nanoTime(),
                    promptTokens, completionTokens < 0 ? chunks : completionTokens, chunks, completionTokens < 0,
                    status, error, java.util.Arrays.copyOf(chunkTimesNs, chunks));
        }
    }
}
