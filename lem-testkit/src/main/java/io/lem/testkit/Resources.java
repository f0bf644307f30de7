package io.lem.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test fixtures on the classpath, read as text; a missing one fails loudly instead of reading as empty. */
public final class Resources {

    private Resources() {
    }

    /** {@code name} relative to {@code anchor}'s package, or from the classpath root when it starts with a slash. */
    public static String text(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name + " beside " + anchor.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
