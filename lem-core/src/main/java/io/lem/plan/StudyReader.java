package io.lem.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import io.lem.config.ConfigException;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the YAML tree of a study file; the planner uses it only for {@code base:} files. */
@FunctionalInterface
public interface StudyReader {

    Map<?, ?> read(Path file);

    /** Jackson's YAML mapper, as {@code io.lem.plan.StudyLoader} reads study files. */
    static StudyReader yaml() {
        YAMLMapper yaml = YAMLMapper.builder().build();
        return file -> {
            try {
                Object root = yaml.readValue(Files.readString(file), Object.class);
                if (root == null) {
                    return Map.of();
                }
                if (!(root instanceof Map<?, ?> map)) {
                    throw new ConfigException(null, file + " is not a YAML mapping; fix: name a study file");
                }
                return map;
            } catch (NoSuchFileException e) {
                throw new ConfigException(null, "study file " + file + " does not exist; fix: check the path "
                        + "(relative to the file that names it)");
            } catch (IOException e) {
                throw new ConfigException(null, "cannot read study file " + file + ": " + e.getMessage());
            } catch (JacksonException e) {
                throw new ConfigException(null, file + " is not valid YAML: " + e.getOriginalMessage()
                        + "; fix: correct the syntax");
            }
        };
    }
}
