package io.lem.client;

import java.net.URI;
import java.time.Duration;

import io.lem.config.ConfigException;

/**
 * How a client talks to a server, whichever API it speaks.
 *
 * @param baseUrl   the server root, e.g. {@code http://127.0.0.1:8000}; a trailing {@code /v1} is accepted
 * @param model     the model name the server expects in {@code model}
 * @param apiKey    sent as {@code Authorization: Bearer <key>}; null or blank sends no header
 * @param timeout   the whole request, from send to the last byte; a stalled stream fails as TIMEOUT
 * @param stream    stream the response (SSE or NDJSON) and time every chunk; false asks for one JSON object
 * @param ignoreEos ask the server to generate exactly {@code max_tokens} (vLLM/llama.cpp extension; OpenAI's
 *                  own API rejects it)
 */
public record ClientOptions(URI baseUrl, String model, String apiKey, Duration timeout, boolean stream,
                            boolean ignoreEos) {

    public ClientOptions {
        if (baseUrl == null || baseUrl.getHost() == null
                || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
            throw new ConfigException("endpoint", "'" + baseUrl + "' is not an http(s) URL with a host;"
                    + " use for example http://127.0.0.1:8000");
        }
        if (model == null || model.isBlank()) {
            throw new ConfigException("model", "is required: name the model the server serves");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException("timeout", "must be a positive duration, was " + timeout);
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    /** Streaming, ignore_eos on, no key: the measurement default against lem serve and vLLM. */
    public static ClientOptions of(URI baseUrl, String model, Duration timeout) {
        return new ClientOptions(baseUrl, model, null, timeout, true, true);
    }

    /**
     * The URL of an API path such as {@code /v1/chat/completions}, keeping any prefix of the base URL (a proxy
     * path) and dropping a trailing {@code /v1} that users often copy from OpenAI SDK settings.
     */
    public URI endpoint(String apiPath) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (apiPath.startsWith("/v1/") && base.endsWith("/v1")) {
            base = base.substring(0, base.length() - 3);
        }
        return URI.create(base + apiPath);
    }
}
