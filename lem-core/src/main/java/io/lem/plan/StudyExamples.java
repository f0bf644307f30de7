package io.lem.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import io.lem.config.ConfigException;

/**
 * Ready study files ({@code lem run --print-example NAME}): {@code bar-sweep}, issue 9's 2 x 2 check, and
 * {@code phase-split}, a grid of prompt and output lengths that identifies the inference energy protocol's prefill/decode
 * split, and {@code slots-threads}, the embedded engine's slots x decode threads (does llama.cpp's claim that fewer
 * threads give more tokens per watt hold on this machine?).
 */
public final class StudyExamples {

    public static final List<String> NAMES = List.of("bar-sweep", "phase-split", "slots-threads");

    private StudyExamples() {
    }

    public static String yaml(String name) {
        if (!NAMES.contains(name)) {
            throw new ConfigException("--print-example", "no example '" + name + "'; fix: use one of " + NAMES);
        }
        try (InputStream in = StudyExamples.class.getResourceAsStream("examples/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("examples/" + name + ".yaml missing from lem-core's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StudyConfig load(String name, Map<String, ?> overrides) {
        return StudyLoader.parse(yaml(name), name + ".yaml", overrides);
    }
}
