package io.lem.plan;

import java.util.Set;

/**
 * What the planner needs besides the study tree.
 *
 * @param reader         reads {@code base:} files
 * @param validator      resolves and checks each point
 * @param managedEngines engine names whose {@code engine.<name>.*} keys pass through as command-line flags
 */
public record PlanOptions(StudyReader reader, PointValidator validator, Set<String> managedEngines) {

    /** The managed engines of issue 9: vLLM, SGLang, TGI, TensorRT-LLM, llama.cpp's llama-server, Ollama. */
    public static final Set<String> MANAGED_ENGINES = Set.copyOf(io.lem.config.ConfigSchema.MANAGED_ENGINES);

    public PlanOptions {
        managedEngines = Set.copyOf(managedEngines);
    }

    public static PlanOptions defaults() {
        return new PlanOptions(StudyReader.yaml(), PointValidator.SCHEMA, MANAGED_ENGINES);
    }

    public PlanOptions withReader(StudyReader reader) {
        return new PlanOptions(reader, validator, managedEngines);
    }

    public PlanOptions withValidator(PointValidator validator) {
        return new PlanOptions(reader, validator, managedEngines);
    }
}
