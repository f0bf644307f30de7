package io.lem.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The study {@code lem run} runs without a file: shipped as YAML so users can copy and edit it. */
public final class DemoStudy {

    private static final String RESOURCE = "demo-study.yaml";

    private DemoStudy() {
    }

    public static String yaml() {
        try (InputStream in = DemoStudy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from lem-core's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StudyConfig load(Map<String, ?> overrides) {
        return StudyLoader.parse(yaml(), "demo-study.yaml", overrides);
    }
}
