package io.lem.testkit;

import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.ObjectMapper;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Validates written files against lem-core's JSON Schemas in io/lem/result/schema (draft 2020-12), read from the
 * classpath, so every module's tests check the files its real commands wrote the same way.
 */
public final class ResultSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaIdResolvers(r -> r.mapPrefix("https://lem.io/schema/", "classpath:io/lem/result/schema/")));

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultSchemas() {
    }

    /** The violations of {@code file} against {@code <name>.schema.json}, one line each; empty when it is valid. */
    public static List<String> violations(String name, Path file) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of("https://lem.io/schema/" + name + ".schema.json"));
        List<Error> errors = schema.validate(JSON.readTree(file.toFile()));
        return errors.stream().map(Error::toString).toList();
    }

    /** Fails the test with every violation when {@code file} does not match {@code <name>.schema.json}. */
    public static void assertMatches(String name, Path file) {
        List<String> violations = violations(name, file);
        if (!violations.isEmpty()) {
            throw new AssertionError(file + " against " + name + ".schema.json:\n  " + String.join("\n  ", violations));
        }
    }
}
