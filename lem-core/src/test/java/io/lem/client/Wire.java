package io.lem.client;

/** How each API frames a content chunk, the end of a stream and a whole response, for scripted servers. */
enum Wire {
    OPENAI("openai", "text/event-stream"),
    OPENAI_COMPLETIONS("openai-completions", "text/event-stream"),
    OLLAMA("ollama", "application/x-ndjson"),
    OLLAMA_GENERATE("ollama-generate", "application/x-ndjson");

    final String api;
    final String contentType;

    Wire(String api, String contentType) {
        this.api = api;
        this.contentType = contentType;
    }

    String chunk(String text) {
        return switch (this) {
            case OPENAI -> "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}\n\n";
            case OPENAI_COMPLETIONS -> "data: {\"choices\":[{\"index\":0,\"text\":\"" + text + "\"}]}\n\n";
            case OLLAMA -> "{\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"done\":false}\n";
            case OLLAMA_GENERATE -> "{\"response\":\"" + text + "\",\"done\":false}\n";
        };
    }

    /** The end of a stream that reported {@code completion} tokens. */
    String end(int prompt, int completion) {
        return switch (this) {
            case OPENAI, OPENAI_COMPLETIONS -> "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt
                    + ",\"completion_tokens\":" + completion + "}}\n\ndata: [DONE]\n\n";
            case OLLAMA -> "{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"prompt_eval_count\":"
                    + prompt + ",\"eval_count\":" + completion + "}\n";
            case OLLAMA_GENERATE -> "{\"response\":\"\",\"done\":true,\"prompt_eval_count\":" + prompt
                    + ",\"eval_count\":" + completion + "}\n";
        };
    }

    /** A stream end without any usage: the client must fall back to counting chunks. */
    String bareEnd() {
        return switch (this) {
            case OPENAI, OPENAI_COMPLETIONS -> "data: [DONE]\n\n";
            case OLLAMA -> "{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true}\n";
            case OLLAMA_GENERATE -> "{\"response\":\"\",\"done\":true}\n";
        };
    }

    String errorBody(String message) {
        return this == OLLAMA || this == OLLAMA_GENERATE ? "{\"error\":\"" + message + "\"}"
                : "{\"error\":{\"message\":\"" + message + "\",\"type\":\"x\"}}";
    }
}
