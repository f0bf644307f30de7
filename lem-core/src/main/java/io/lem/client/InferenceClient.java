package io.lem.client;

/** Sends one request and measures it. Implementations never throw for a failed request: they return its record. */
public interface InferenceClient {

    RequestRecord send(PromptRequest request);
}
