package io.lem.result;

import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** Validates written files against the JSON Schemas in io/lem/result/schema (draft 2020-12), read from the classpath. */
public final class ResultSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaIdResolvers(r -> r.mapPrefix("https://lem.io/schema/", "classpath:io/lem/result/schema/")));

    private ResultSchemas() {
    }

    /** The violations of {@code file} against {@code <name>.schema.json}, one line each; empty when it is valid. */
    public static List<String> violations(String name, Path file) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of("https://lem.io/schema/" + name + ".schema.json"));
        List<Error> errors = schema.validate(JsonFiles.readObject(file));
        return errors.stream().map(Error::toString).toList();
    }
}
