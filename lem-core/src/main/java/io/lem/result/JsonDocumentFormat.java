package io.lem.result;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pretty-printed JSON document written from the map its producer builds (key order and number forms are sealed by
 * golden files) and read back into a typed view.
 */
abstract class JsonDocumentFormat<R> extends NamedFormat<Map<String, Object>, R> {

    JsonDocumentFormat(String name, String fileName) {
        super(name, fileName);
    }

    @Override
    public void write(Path file, Map<String, Object> document) throws IOException {
        AtomicFiles.write(file, Json.pretty().writeValueAsBytes(document));
    }

    @Override
    public R read(Path file) {
        return of(tree(file));
    }

    /** The whole document as a tree, for what the typed view leaves out. */
    public ObjectNode tree(Path file) {
        return JsonFiles.readObject(file);
    }

    /** The typed view of a document already parsed. */
    public abstract R of(JsonNode document);
}
