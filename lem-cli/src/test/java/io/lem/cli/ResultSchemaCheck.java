package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.lem.result.JsonFiles;

/** Asserts that a file a real lem command wrote matches its JSON Schema in lem-core's io/lem/result/schema. */
final class ResultSchemaCheck {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaIdResolvers(r -> r.mapPrefix("https://lem.io/schema/", "classpath:io/lem/result/schema/")));

    private ResultSchemaCheck() {
    }

    /** {@code schema} is result, study or summary. */
    static void matches(String schema, Path file) {
        assertThat(REGISTRY.getSchema(SchemaLocation.of("https://lem.io/schema/" + schema + ".schema.json"))
                .validate(JsonFiles.readObject(file))).as("%s against %s.schema.json", file, schema)
                .extracting(Error::toString).isEmpty();
    }
}
