package io.lem.client;

import java.net.http.HttpClient;
import java.util.List;

import io.lem.config.ConfigException;
import io.lem.time.Clock;

/** Clients by API name, as given in {@code --api} or a config file. */
public final class Clients {

    /** The names {@link #create} accepts. */
    public static final List<String> APIS = List.of("openai", "openai-completions", "ollama", "ollama-generate");

    private Clients() {
    }

    /** A client with its own HTTP/1.1 connection pool, connect timeout = the request timeout. */
    public static InferenceClient create(String api, ClientOptions options, Clock clock) {
        return create(api, options, clock, httpClient(options));
    }

    public static InferenceClient create(String api, ClientOptions options, Clock clock, HttpClient http) {
        return switch (api == null ? "" : api) {
            case "openai" -> new OpenAiChatClient(http, options, clock);
            case "openai-completions" -> new OpenAiCompletionsClient(http, options, clock);
            case "ollama" -> new OllamaClient(http, options, clock, true);
            case "ollama-generate" -> new OllamaClient(http, options, clock, false);
            default -> throw new ConfigException("api", "unknown API '" + api + "'; use one of "
                    + String.join(", ", APIS));
        };
    }

    /**
     * HTTP/1.1: inference servers speak it over plain http, and HTTP/2's upgrade attempt costs a round trip
     * some servers mishandle.
     */
    public static HttpClient httpClient(ClientOptions options) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(options.timeout()).build();
    }
}
