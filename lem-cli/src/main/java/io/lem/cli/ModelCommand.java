package io.lem.cli;

import io.lem.llamacpp.gguf.TensorType;
import io.lem.llamacpp.synth.ModelPreset;
import io.lem.llamacpp.synth.SyntheticModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lem model}: model files; {@code lem model synth} writes a synthetic GGUF model. */
@Command(name = "model", mixinStandardHelpOptions = true, subcommands = ModelCommand.Synth.class,
        description = "Works with model files: writes synthetic GGUF models.")
public final class ModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Writes a llama-architecture GGUF model with random weights and a real model's shapes. */
    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = {
                    "Writes a synthetic GGUF model: random weights in a real architecture's shapes.",
                    "",
                    "Presets: tiny, small, qwen2.5-0.5b, llama-3.2-1b."})
    public static final class Synth implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--preset", required = true, paramLabel = "NAME",
                description = "tiny, small, qwen2.5-0.5b or llama-3.2-1b.")
        String preset;

        @Option(names = "--out", required = true, paramLabel = "FILE.gguf", description = "Output file.")
        Path out;

        @Option(names = "--type", defaultValue = "f16", paramLabel = "f16|f32",
                description = "Weight type. Default: ${DEFAULT-VALUE}.")
        String type;

        @Option(names = "--seed", defaultValue = "42", description = "Weight seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            ModelPreset modelPreset;
            TensorType tensorType;
            try {
                modelPreset = ModelPreset.byName(preset);
                tensorType = TensorType.parse(type);
            } catch (IllegalArgumentException e) {
                err.println("lem model synth: " + e.getMessage());
                return 2;
            }
            long startNs = System.nanoTime();
            try {
                Path written = SyntheticModels.write(modelPreset, tensorType, seed, out);
                double durationS = (System.nanoTime() - startNs) / 1e9;
                long sizeBytes = Files.size(written);
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.printf(Locale.ROOT, "%s preset=%s params=%d (%.1fM) type=%s seed=%d size_bytes=%d (%.1f MiB)"
                                + " duration_s=%.2f%n", written, modelPreset.name(), modelPreset.parameterCount(),
                        modelPreset.parameterCount() / 1e6, tensorType, seed, sizeBytes,
                        sizeBytes / (1024.0 * 1024.0), durationS);
                stdout.flush();
                return 0;
            } catch (IOException e) {
                err.println("lem model synth: cannot write " + out + ": " + e);
                return 2;
            }
        }
    }
}
