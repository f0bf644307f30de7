package io.lem.report.export;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The committed results fixtures (see src/test/resources/results/SOURCES.md). */
public final class Fixtures {

    private Fixtures() {
    }

    /** A real 2 × 2 study, 2 cycles per point, written by ./lem run (tiny model, estimated CPU energy). */
    public static Path study() {
        return resource("results/tiny-sweep");
    }

    /** One cycle of it: an experiment directory on its own. */
    public static Path cycle() {
        return study().resolve("001-tiny-p1-c1-390464dc/cycle-1");
    }

    /** A real lem load --meters output against lem serve. */
    public static Path load() {
        return resource("results/load-tiny");
    }

    public static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
