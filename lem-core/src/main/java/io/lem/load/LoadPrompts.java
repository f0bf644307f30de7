package io.lem.load;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import io.lem.client.PromptRequest;
import io.lem.config.ConfigException;
import io.lem.load.prompts.ComposedPrompts;
import io.lem.load.prompts.Composition;
import io.lem.load.prompts.JsonlPrompts;
import io.lem.load.prompts.LengthDistribution;
import io.lem.load.prompts.Prompt;
import io.lem.load.prompts.PromptSource;
import io.lem.load.prompts.Sampling;
import io.lem.load.prompts.ShareGptPrompts;
import io.lem.load.prompts.SyntheticPrompts;
import io.lem.load.prompts.SyntheticSource;
import io.lem.load.prompts.TextFilePrompts;
import io.lem.load.prompts.TokenCounter;

/**
 * Prompts for {@code lem load}: a dataset file or synthetic lengths (or, for a trace with input lengths, synthetic
 * prompts of those lengths), each wrapped in the Energy Lab composition when one is given.
 *
 * @param file            {@code --prompts}, or null
 * @param format          text, jsonl, sharegpt or auto
 * @param syntheticInput  {@code --synthetic-input} distribution, or null
 * @param syntheticOutput {@code --synthetic-output} distribution, or null (the run's --max-tokens)
 * @param inject          named blocks appended to the system prompt, in flag order
 */
public record LoadPrompts(Path file, String format, String syntheticInput, String syntheticOutput, Sampling sampling,
                   Path systemPrompt, Map<String, Path> inject, Path context) {

    public static final List<String> FORMATS = List.of("auto", "text", "jsonl", "sharegpt");

    public LoadPrompts {
        inject = inject == null ? Map.of() : new LinkedHashMap<>(inject);
        if (!FORMATS.contains(format)) {
            throw new ConfigException("--prompts-format", "unknown format '" + format + "'; use one of "
                    + String.join(", ", FORMATS));
        }
        if (syntheticOutput != null && syntheticInput == null) {
            throw new ConfigException("--synthetic-output", "needs --synthetic-input too; fix: give both, or set "
                    + "the output length of dataset prompts with --max-tokens");
        }
    }

    public boolean hasSource() {
        return file != null || syntheticInput != null;
    }

    /** The dataset's format: as given, or by extension (.jsonl/.ndjson, .json = ShareGPT), else by first character. */
    public String resolvedFormat() {
        if (file == null || !format.equals("auto")) {
            return format;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return "jsonl";
        }
        if (name.endsWith(".json")) {
            return "sharegpt";
        }
        if (name.endsWith(".txt")) {
            return "text";
        }
        String head = read("--prompts", file).stripLeading();
        return head.startsWith("[") ? "sharegpt" : head.startsWith("{") ? "jsonl" : "text";
    }

    public Composition composition() {
        List<Composition.Block> blocks = new ArrayList<>();
        inject.forEach((name, path) -> blocks.add(new Composition.Block(name, read("--inject " + name, path).strip())));
        return new Composition(systemPrompt == null ? "" : read("--system-prompt", systemPrompt).strip(), blocks,
                context == null ? "" : read("--context", context).strip());
    }

    public boolean composed() {
        return systemPrompt != null || context != null || !inject.isEmpty();
    }

    /** The source of the run's prompts; only valid when {@link #hasSource()}. */
    public PromptSource source(TokenCounter counter, int maxTokens) {
        PromptSource base;
        if (syntheticInput != null) {
            LengthDistribution in = LengthDistribution.parse("--synthetic-input", syntheticInput);
            LengthDistribution out = syntheticOutput == null ? new LengthDistribution.Fixed(maxTokens)
                    : LengthDistribution.parse("--synthetic-output", syntheticOutput);
            base = new SyntheticSource(in, out, counter);
        } else {
            base = switch (resolvedFormat()) {
                case "jsonl" -> new JsonlPrompts(file, sampling);
                case "sharegpt" -> new ShareGptPrompts(file, sampling, counter);
                default -> new TextFilePrompts(file, sampling);
            };
        }
        return composed() ? new ComposedPrompts(composition(), base) : base;
    }

    /** True when the trace gives every row an input length: its prompts are then synthesized to those lengths. */
    public boolean fromTrace(ArrivalProcess process) {
        long withInput = process instanceof ArrivalProcess.TraceReplay t
                ? t.rows().stream().filter(r -> r.inputTokens() > 0).count() : 0;
        int rows = process instanceof ArrivalProcess.TraceReplay t ? t.rows().size() : 0;
        if (withInput > 0 && withInput < rows) {
            throw new ConfigException("--trace", (rows - withInput) + " of " + rows + " rows lack input_tokens; "
                    + "fix: give every row a length, or none");
        }
        if (withInput > 0 && hasSource()) {
            throw new ConfigException("--trace", "gives input lengths, so its prompts are synthesized to them; fix: "
                    + "drop --prompts/--synthetic-input, or the trace's input_tokens column");
        }
        if (withInput == 0 && !hasSource()) {
            throw new ConfigException("--prompts", "no prompts given; fix: pass --prompts FILE or --synthetic-input LEN"
                    + (rows > 0 ? " (the trace has no input_tokens)" : ""));
        }
        return withInput > 0;
    }

    /** A replayed trace's input lengths as synthetic prompts, one per arrival, composed like any other. */
    public List<Prompt> forTrace(List<Arrival> arrivals, TokenCounter counter, long seed) throws IOException {
        int[] targets = arrivals.stream().mapToInt(Arrival::inputTokens).toArray();
        List<String> texts = SyntheticPrompts.generate(targets, new SplittableRandom(seed), counter);
        Composition composition = composition();
        return texts.stream().map(t -> composed() ? composition.compose(Prompt.of(t)) : Prompt.of(t)).toList();
    }

    private static String read(String flag, Path path) {
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException(flag, "no such file: " + path + "; fix: give an existing UTF-8 text file");
        } catch (MalformedInputException e) {
            throw new ConfigException(flag, path + " is not UTF-8 text; fix: save it as UTF-8");
        } catch (IOException e) {
            throw new ConfigException(flag, "cannot read " + path + ": " + e.getMessage());
        }
    }

    /**
     * Request i gets prompt i of the pre-drawn pool (cycling when a run by duration outlasts it); a trace row's
     * output length, then the prompt's own, then --max-tokens sets max_tokens.
     *
     * @param exactLength also send min_tokens = max_tokens (with ignore_eos: exactly that many tokens on vLLM)
     */
    public record Factory(List<Prompt> pool, int maxTokens, long seed, boolean exactLength) implements RequestFactory {

        public Factory {
            pool = List.copyOf(pool);
        }

        @Override
        public PromptRequest create(Arrival arrival) {
            Prompt prompt = pool.get(arrival.index() % pool.size());
            if (arrival.outputTokens() > 0) {
                prompt = new Prompt(prompt.messages(), arrival.outputTokens());
            }
            return prompt.toRequest(arrival.index(), arrival.portion() == Portion.WARMUP, maxTokens,
                    seed + arrival.index(), exactLength);
        }
    }
}
