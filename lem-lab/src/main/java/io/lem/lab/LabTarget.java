package io.lem.lab;

import java.net.URI;

/** What the Lab runs against: a server the user started, or lem's embedded engine that the Lab starts itself. */
public sealed interface LabTarget {

    /** An OpenAI-compatible or Ollama server at {@code endpoint}; its model list comes from the server. */
    record Remote(URI endpoint, String api) implements LabTarget {
    }

    /** lem's embedded engine with a synthetic preset ({@code tiny}, {@code small}) or a GGUF file. */
    record Embedded(String presetOrFile) implements LabTarget {
        public boolean isFile() {
            return presetOrFile.endsWith(".gguf");
        }
    }
}
