package io.lem.llamacpp.serve;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import io.lem.llamacpp.gguf.GgufInfo;
import io.lem.llamacpp.synth.SyntheticModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One llama.cpp model loaded in this process, with exact token accounting.
 *
 * <p>de.kherud:llama returns text chunks only, so tokens are counted here: the prompt as
 * {@code encode(prompt).length} plus one for BOS where the vocabulary adds it, the completion as one token
 * per streamed chunk. For synthetic models the control and byte tokens are never sampled, which makes
 * chunks and tokens one to one.
 */
final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final int LOAD_ERROR_LINES = 4;
    private static final long LOG_FLUSH_WAIT_NS = 2_000_000_000L;

    /** Receives each generated chunk; an IOException (client gone) cancels the generation. */
    @FunctionalInterface
    interface ChunkSink {
        void accept(String text) throws IOException;
    }

    private final LlamaModel model;
    private final boolean addBos;
    private final int bosTokenId;
    private final int ctxPerSlot;
    private final List<Integer> disabledTokenIds;
    private final List<Integer> disabledWithoutEos;

    private Engine(LlamaModel model, GgufInfo info, int ctxPerSlot) {
        this.model = model;
        this.ctxPerSlot = ctxPerSlot;
        // SentencePiece vocabularies add BOS unless told otherwise; BPE ones only when told.
        boolean spm = info.string("tokenizer.ggml.model").map("llama"::equals).orElse(false);
        Object addBosKey = info.scalars().get("tokenizer.ggml.add_bos_token");
        this.addBos = addBosKey instanceof Boolean b ? b : spm;
        this.bosTokenId = (int) info.number("tokenizer.ggml.bos_token_id").orElse(1);
        if (info.synthetic()) {
            int first = SyntheticModels.firstPieceTokenId();
            disabledTokenIds = IntStream.range(0, first).boxed().toList();
            long eos = info.number("tokenizer.ggml.eos_token_id").orElse(-1);
            // Keep end-of-sequence reachable so finish_reason "stop" can happen unless ignore_eos asks otherwise.
            disabledWithoutEos = disabledTokenIds.stream().filter(id -> id != eos).toList();
        } else {
            disabledTokenIds = List.of();
            disabledWithoutEos = List.of();
        }
    }

    /**
     * Loads the model. llama.cpp's only exception text is "could not load model", and its log goes to the
     * console and (when asked) a file, not to the Java logger callback; so the log is written to a temporary
     * file whose error lines become the exception message. The file is unlinked once loading ends, so it
     * leaves nothing behind (its later per-request lines go to an unlinked inode freed at exit).
     */
    static Engine load(ServeOptions options, GgufInfo info) {
        Path log;
        try {
            log = Files.createTempFile("lem-llama-load-", ".log");
        } catch (IOException e) {
            throw ServeException.engine("cannot create a temporary file for llama.cpp's log: " + e.getMessage(), e);
        }
        ModelParameters params = new ModelParameters()
                .setModel(options.model().toString())
                .setThreads(options.threads())
                .setThreadsBatch(options.threads())
                .setParallel(options.parallel())
                .setCtxSize(options.totalCtx())
                .setBatchSize(options.batch())
                .setSeed(options.seed())
                .enableContBatching()
                .setLogFile(log.toString());
        NativeFolder.isolate();
        try {
            return new Engine(new LlamaModel(params), info, options.ctxPerSlot());
        } catch (RuntimeException e) {
            Optional<String> reason = loadFailureReason(log);
            String message = "llama.cpp could not load " + options.model() + ": " + reason.orElse(e.getMessage());
            // "error loading model" is llama.cpp's wording for a file it cannot use (corrupt, unsupported
            // architecture, missing keys): the user fixes that by choosing another file.
            boolean badFile = reason.map(r -> r.contains("error loading model")).orElse(false);
            throw badFile ? ServeException.user(message, e) : ServeException.engine(message, e);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                LOG.warn("could not delete llama.cpp's load log {}: {}", log, e.getMessage());
            }
        }
    }

    /** llama.cpp writes its log from a worker thread, so the error lines may land a moment after the failure. */
    private static Optional<String> loadFailureReason(Path log) {
        long deadlineNs = System.nanoTime() + LOG_FLUSH_WAIT_NS;
        Optional<String> reason = readReason(log);
        while (reason.isEmpty() && System.nanoTime() < deadlineNs) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            reason = readReason(log);
        }
        return reason;
    }

    private static Optional<String> readReason(Path log) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            String reason = lines.map(String::strip)
                    .filter(l -> l.toLowerCase(Locale.ROOT).contains("error") || l.contains("failed"))
                    .limit(LOAD_ERROR_LINES)
                    .collect(Collectors.joining("; "));
            return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    int[] tokenize(String text) {
        return model.encode(text);
    }

    int bosCount() {
        return addBos ? 1 : 0;
    }

    int bosTokenId() {
        return bosTokenId;
    }

    int promptTokens(String prompt) {
        return model.encode(prompt).length + bosCount();
    }

    int ctxPerSlot() {
        return ctxPerSlot;
    }

    /** Renders chat messages with the model's chat template, ending with the assistant's turn. */
    String chatPrompt(List<ChatMessage> messages) {
        String system = messages.stream().filter(m -> m.role().equals("system"))
                .map(ChatMessage::content).collect(Collectors.joining("\n"));
        List<Pair<String, String>> turns = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (!m.role().equals("system")) {
                turns.add(new Pair<>(m.role(), m.content()));
            }
        }
        InferenceParameters p = new InferenceParameters("").setMessages(system.isEmpty() ? null : system, turns);
        return model.applyTemplate(p);
    }

    /** A request checked against the slot's context: the prompt's token count and the tokens to generate. */
    record Plan(GenerationRequest request, int promptTokens, int maxTokens) {}

    /** Counts the prompt and fixes max tokens, or throws a 400 when they do not fit one slot's context. */
    Plan plan(GenerationRequest request) {
        int promptTokens = promptTokens(request.prompt());
        int room = ctxPerSlot - promptTokens;
        if (room <= 0) {
            throw new ApiException(400, "the prompt has " + promptTokens + " tokens but each slot holds "
                    + ctxPerSlot + "; shorten the prompt or start lem serve with a larger --ctx", "messages");
        }
        int maxTokens = request.maxTokens() < 0 ? room : request.maxTokens();
        if (maxTokens > room) {
            throw new ApiException(400, "prompt (" + promptTokens + " tokens) plus max_tokens (" + maxTokens
                    + ") exceeds the " + ctxPerSlot + "-token context per slot; lower max_tokens or raise --ctx",
                    "max_tokens");
        }
        return new Plan(request, promptTokens, maxTokens);
    }

    /**
     * Generates, calling {@code sink} for every token as it arrives. Throws IOException when the sink did
     * (the generation is cancelled first, which frees its slot).
     */
    GenerationResult generate(Plan plan, long receivedNs, ChunkSink sink) throws IOException {
        GenerationRequest request = plan.request();
        int promptTokens = plan.promptTokens();
        int maxTokens = plan.maxTokens();
        InferenceParameters p = new InferenceParameters(request.prompt())
                .setNPredict(maxTokens)
                .setIgnoreEos(request.ignoreEos())
                .setCachePrompt(false);
        List<Integer> disabled = request.ignoreEos() ? disabledTokenIds : disabledWithoutEos;
        if (!disabled.isEmpty()) {
            p.disableTokenIds(disabled);
        }
        if (request.seed() != null) {
            p.setSeed((int) (long) request.seed());
        }
        if (request.temperature() != null) {
            p.setTemperature(request.temperature().floatValue());
        }
        if (request.topP() != null) {
            p.setTopP(request.topP().floatValue());
        }
        if (!request.stop().isEmpty()) {
            p.setStopStrings(request.stop().toArray(String[]::new));
        }
        StringBuilder text = new StringBuilder();
        int chunks = 0;
        long acceptedNs = System.nanoTime();
        long firstNs = 0;
        long lastNs = acceptedNs;
        if (maxTokens > 0) {
            LlamaIterator it = model.generate(p).iterator();
            acceptedNs = System.nanoTime();
            lastNs = acceptedNs;
            try {
                while (it.hasNext()) {
                    LlamaOutput out = it.next();
                    boolean last = !it.hasNext();
                    // The final message only marks the end; it carries text only when a stop string cut it.
                    if (last && out.text.isEmpty()) {
                        break;
                    }
                    lastNs = System.nanoTime();
                    if (chunks == 0) {
                        firstNs = lastNs;
                    }
                    chunks++;
                    text.append(out.text);
                    sink.accept(out.text);
                }
            } catch (IOException | RuntimeException e) {
                if (it.hasNext()) {
                    it.cancel();
                }
                throw e;
            }
        }
        if (chunks == 0) {
            firstNs = lastNs;
        }
        String finish = chunks >= maxTokens ? "length" : "stop";
        return new GenerationResult(text.toString(), promptTokens, chunks, finish,
                acceptedNs - receivedNs, firstNs - acceptedNs, lastNs - firstNs, lastNs - receivedNs);
    }

    void close() {
        model.close();
    }
}
