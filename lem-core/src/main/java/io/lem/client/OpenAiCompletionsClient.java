package io.lem.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;

import io.lem.time.Clock;

/**
 * OpenAI-compatible {@code /v1/completions}: a raw {@code prompt}, no chat template; conversation turns are
 * joined as plain text (see {@link PromptRequest#completionText()}).
 */
public final class OpenAiCompletionsClient implements InferenceClient {

    private final HttpTransport transport;
    private final URI endpoint;
    private final OpenAiReader reader;

    public OpenAiCompletionsClient(HttpClient http, ClientOptions options, Clock clock) {
        this.transport = new HttpTransport(http, clock, options);
        this.endpoint = options.endpoint("/v1/completions");
        this.reader = new OpenAiReader(false, options.stream());
    }

    @Override
    public RequestRecord send(PromptRequest request) {
        Map<String, Object> body = OpenAiBodies.common(transport.options(), request);
        body.put("prompt", request.completionText());
        return transport.exchange(request, endpoint, OpenAiBodies.json(body, transport.options()),
                OpenAiBodies.accept(transport.options()), reader);
    }
}
