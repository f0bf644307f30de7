package io.lem.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The published coefficient tables shipped in the jar (benchmarks/SOURCES.md names their origin). */
public final class ReferenceTables {

    private ReferenceTables() {
    }

    public static List<Benchmark> load() {
        List<Benchmark> out = new ArrayList<>();
        JsonNode jegham = resource("jegham_et_al.json");
        String jeghamSource = "Jegham et al. (2025), via llm-behaviour-lab data/benchmark_data/jegham_et_al.json@5e290b4";
        for (JsonNode m : jegham.path("models")) {
            out.add(new Benchmark("jegham:" + m.path("model_id").stringValue(), "reference",
                    m.path("wh_per_1000_input_etokens").doubleValue(), m.path("wh_per_1000_output_etokens").doubleValue(),
                    jeghamSource, jegham.path("wh_per_1000_queries_definition").stringValue()));
        }
        JsonNode hf = resource("hugging_face.json");
        String hfSource = "Hugging Face AI Energy Score, via llm-behaviour-lab data/benchmark_data/hugging_face.json@5e290b4";
        for (JsonNode m : hf.path("models")) {
            out.add(new Benchmark("hf:" + m.path("model_id").stringValue(), "reference",
                    m.path("wh_per_1000_input_etokens").doubleValue(), null, hfSource,
                    "class " + m.path("class").stringValue() + ": " + m.path("wh_per_1000_queries").doubleValue()
                            + " Wh per 1000 queries (H100 80GB), amortised over input e-tokens: the whole query's"
                            + " energy, so no separate output coefficient"));
        }
        return out;
    }

    private static JsonNode resource(String name) {
        try (InputStream in = ReferenceTables.class.getResourceAsStream("benchmarks/" + name)) {
            if (in == null) {
                throw new IllegalStateException("io/lem/lab/benchmarks/" + name + " missing from the class path");
            }
            return LabJson.read(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
