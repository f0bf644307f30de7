package io.lem.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import io.lem.client.PromptRequest;
import io.lem.config.ConfigException;
import io.lem.load.Arrival;
import io.lem.load.Portion;
import io.lem.load.RequestFactory;

/** Prompts for {@code lem load}: a text file, one prompt per line (seed 001's format), in a seeded order. */
final class LoadPrompts {

    private LoadPrompts() {
    }

    static List<String> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--prompts", "no such file: " + file + "; fix: give a text file, one prompt per line");
        }
        List<String> prompts = lines.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (prompts.isEmpty()) {
            throw new ConfigException("--prompts", file + " holds no prompt; fix: write one prompt per line");
        }
        return prompts;
    }

    /** Request i gets prompt i of a seeded shuffle, cycling when the run outlasts the file. */
    record Factory(List<String> order, int maxTokens, long seed) implements RequestFactory {

        Factory {
            List<String> shuffled = new ArrayList<>(order);
            Collections.shuffle(shuffled, new SplittableRandom(seed));
            order = List.copyOf(shuffled);
        }

        @Override
        public PromptRequest create(Arrival arrival) {
            int tokens = arrival.outputTokens() > 0 ? arrival.outputTokens() : maxTokens;
            return new PromptRequest(arrival.index(), arrival.portion() == Portion.WARMUP,
                    order.get(arrival.index() % order.size()), tokens, seed + arrival.index());
        }
    }
}
