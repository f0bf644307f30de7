package io.lem.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongConsumer;

import io.lem.time.Clock;

/**
 * OpenAI-compatible {@code /v1/chat/completions} (vLLM, SGLang, TGI, trtllm-serve, llama.cpp server, lem serve):
 * streamed with {@code stream_options.include_usage}, each chunk timed on the run's clock.
 */
public final class OpenAiChatClient implements InferenceClient {

    private final HttpTransport transport;
    private final URI endpoint;
    private final OpenAiReader reader;

    public OpenAiChatClient(HttpClient http, ClientOptions options, Clock clock) {
        this(http, options, clock, arrivedNs -> { });
    }

    /** @param onChunk told the arrival time of every streamed chunk (an engine watchdog's sign of life) */
    public OpenAiChatClient(HttpClient http, ClientOptions options, Clock clock, LongConsumer onChunk) {
        this.transport = new HttpTransport(http, clock, options, onChunk);
        this.endpoint = options.endpoint("/v1/chat/completions");
        this.reader = new OpenAiReader(true, options.stream());
    }

    /** Streaming with {@code ignore_eos}, no API key: what a study against its own engine needs. */
    public OpenAiChatClient(HttpClient http, URI baseUrl, String model, Clock clock, Duration timeout) {
        this(http, ClientOptions.of(baseUrl, model, timeout), clock);
    }

    public OpenAiChatClient(HttpClient http, URI baseUrl, String model, Clock clock, Duration timeout,
                            LongConsumer onChunk) {
        this(http, ClientOptions.of(baseUrl, model, timeout), clock, onChunk);
    }

    @Override
    public RequestRecord send(PromptRequest request) {
        Map<String, Object> body = OpenAiBodies.common(transport.options(), request);
        body.put("messages", request.chatMessages());
        return transport.exchange(request, endpoint, OpenAiBodies.json(body, transport.options()),
                OpenAiBodies.accept(transport.options()), reader);
    }
}
