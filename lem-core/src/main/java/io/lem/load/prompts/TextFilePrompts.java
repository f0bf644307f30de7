package io.lem.load.prompts;

import java.nio.file.Path;
import java.util.List;

/** The inference energy protocol's prompts file: one prompt per line, blank lines skipped, surrounding whitespace kept off. */
public record TextFilePrompts(Path file, Sampling sampling) implements PromptSource {

    public List<Prompt> load() {
        List<Prompt> prompts = PromptFiles.lines(file, "text (one prompt per line)").stream()
                .filter(line -> !line.isBlank()).map(line -> Prompt.of(line.strip())).toList();
        return PromptFiles.nonEmpty(prompts, file, "at least one non-blank line");
    }

    @Override
    public List<Prompt> take(int count, long seed) {
        return sampling.draw(load(), count, seed);
    }
}
