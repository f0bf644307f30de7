package io.lem.llamacpp.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import io.lem.llamacpp.gguf.GgufInfo;
import io.lem.llamacpp.gguf.GgufReader;
import io.lem.llamacpp.gguf.GgufWriter;
import io.lem.llamacpp.gguf.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticModelsTest {
    @TempDir
    Path dir;

    @Test
    void headerHasMagicVersionAndAlignedData() throws IOException {
        Path file = SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 7, dir.resolve("tiny.gguf"));
        ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(head.array(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GGUF");
        assertThat(head.getInt(4)).isEqualTo(3);
        assertThat(Files.size(file) % GgufWriter.ALIGNMENT).isZero();
        long weightBytes = ModelPreset.TINY.parameterCount() * 2;
        assertThat(Files.size(file)).isGreaterThan(weightBytes);
        try (var temps = Files.list(dir)) {
            assertThat(temps).containsExactly(file);
        }
    }

    @Test
    void metadataRoundTripsThroughReader() throws IOException {
        ModelPreset p = ModelPreset.TINY;
        GgufInfo info = GgufReader.read(SyntheticModels.write(p, TensorType.F32, 1, dir.resolve("m.gguf")));
        assertThat(info.version()).isEqualTo(3);
        assertThat(info.architecture()).isEqualTo("llama");
        assertThat(info.name()).isEqualTo("lem-synthetic-tiny");
        assertThat(info.blockCount()).hasValue(p.blockCount());
        assertThat(info.embeddingLength()).hasValue(p.embeddingLength());
        assertThat(info.headCount()).hasValue(p.headCount());
        assertThat(info.headCountKv()).hasValue(p.headCountKv());
        assertThat(info.feedForwardLength()).hasValue(p.feedForwardLength());
        assertThat(info.vocabSize()).hasValue(p.vocabSize());
        assertThat(info.contextLength()).hasValue(p.contextLength());
        assertThat(info.synthetic()).isTrue();
        assertThat(info.number("general.file_type")).hasValue(0);
        assertThat(info.tensorCount()).isEqualTo(2 + 9L * p.blockCount() + 1);
        assertThat(info.string("tokenizer.chat_template")).get().asString().contains("<|im_start|>");
    }

    @Test
    void sameSeedGivesIdenticalBytesAndOtherSeedDiffers() throws Exception {
        String a = sha256(SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 42, dir.resolve("a.gguf")));
        String b = sha256(SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 42, dir.resolve("b.gguf")));
        String c = sha256(SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 43, dir.resolve("c.gguf")));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void presetsHaveTheirPublishedSizes() {
        assertThat(ModelPreset.byName("SMALL")).isSameAs(ModelPreset.SMALL);
        assertThat(ModelPreset.SMALL.parameterCount()).isBetween(100_000_000L, 120_000_000L);
        // Qwen2.5-0.5B has 494M parameters including 0.4M q/k/v biases that the llama shape leaves out.
        assertThat(ModelPreset.QWEN2_5_0_5B.parameterCount()).isBetween(490_000_000L, 495_000_000L);
        assertThat(ModelPreset.LLAMA_3_2_1B.parameterCount()).isBetween(1_230_000_000L, 1_240_000_000L);
        assertThatThrownBy(() -> ModelPreset.byName("gpt-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tiny, small, qwen2.5-0.5b, llama-3.2-1b");
    }

    @Test
    void readerRejectsBadMagic() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.gguf"), "PK\u0003\u0004 not a model");
        assertThat(GgufReader.hasMagic(bad)).isFalse();
        assertThatThrownBy(() -> GgufReader.read(bad)).hasMessageContaining("not a GGUF file: bad magic")
                .hasMessageContaining(bad.toString());
    }

    @Test
    void tinyPresetLoadsAndGeneratesInLlamaCpp() throws IOException {
        Path file = SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 3, dir.resolve("t.gguf"));
        io.lem.llamacpp.serve.NativeFolder.isolate();
        try (LlamaModel model = new LlamaModel(new ModelParameters().setModel(file.toString())
                .setCtxSize(256).setThreads(1).disableLog())) {
            int[] tokens = model.encode("Hello energy world! ünïcödé");
            assertThat(tokens).isNotEmpty();
            String text = model.complete(new InferenceParameters("the model").setNPredict(8).setSeed(1));
            assertThat(text).isNotNull();
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
