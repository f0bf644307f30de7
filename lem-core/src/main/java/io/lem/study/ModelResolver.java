package io.lem.study;

import java.io.IOException;
import java.nio.file.Path;

import io.lem.config.EngineConfig;

/**
 * Turns an engine config into a model file: the given GGUF path, or a synthetic preset written on first use.
 * Supplied by the caller, so that lem-core does not depend on the engine module.
 */
@FunctionalInterface
public interface ModelResolver {

    /** @throws io.lem.config.ConfigException when the model or preset named in the config does not exist */
    Path resolve(EngineConfig engine) throws IOException;
}
