package io.lem.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Golden files: a machine-readable format sealed against {@code src/test/resources/golden/<name>}, under locales with
 * different decimal separators, so that a format change must be deliberate. {@code -Dlem.golden.update=true}
 * rewrites the module's source copies; the run after it compares against them (review the diff first).
 */
public final class Golden {

    public static final String UPDATE_PROPERTY = "lem.golden.update";

    /** What {@link #inLocale} runs; a test body that may throw. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private Golden() {
    }

    /** Fails unless {@code actual} equals {@code /golden/<name>} on {@code anchor}'s class path, byte for byte. */
    public static void check(Class<?> anchor, String name, String actual) throws IOException {
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(Path.of("src/test/resources/golden", name), actual);
        }
        try (InputStream in = anchor.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "golden file " + name + " (create it with -D" + UPDATE_PROPERTY + "=true)");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, "golden file " + name);
        }
    }

    /** Runs {@code body} with the default locale set to the BCP 47 {@code tag}, restoring the previous one after. */
    public static void inLocale(String tag, Body body) throws Exception {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(tag));
        try {
            body.run();
        } finally {
            Locale.setDefault(saved);
        }
    }
}
