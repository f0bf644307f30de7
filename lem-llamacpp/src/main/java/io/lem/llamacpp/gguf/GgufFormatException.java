package io.lem.llamacpp.gguf;

import java.io.IOException;

/** A file is not a GGUF file, or not one this reader understands; the message names the file and the problem. */
public final class GgufFormatException extends IOException {
    public GgufFormatException(String message) {
        super(message);
    }
}
