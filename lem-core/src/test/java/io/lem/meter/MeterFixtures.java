package io.lem.meter;

import io.lem.testkit.Resources;

/** Reads the meter tests' fixtures (src/test/resources/io/lem/meter, sources in its SOURCES.md) as text. */
public final class MeterFixtures {

    private MeterFixtures() {
    }

    /** {@code name} relative to io/lem/meter, or absolute from the classpath root when it starts with a slash. */
    public static String text(String name) {
        return Resources.text(MeterFixtures.class, name);
    }
}
