package io.lem.llamacpp.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lem.llamacpp.gguf.TensorType;
import io.lem.llamacpp.synth.ModelPreset;
import io.lem.llamacpp.synth.SyntheticModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up, health, shutdown and every way a model can fail to load. */
class LlamaServerLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void healthAnswers503WhileLoadingThen200() throws Exception {
        Path model = SyntheticModels.write(ModelPreset.TINY, TensorType.F32, 5, dir.resolve("tiny.gguf"));
        try (LlamaServer server = LlamaServer.start(ServeOptions.defaults(model).withPort(0).withThreads(1)
                .withCtxPerSlot(128))) {
            Client client = new Client(server.baseUri());
            var loading = client.get("/health");
            assertThat(loading.statusCode()).isEqualTo(503);
            assertThat(loading.body()).isEqualTo("{\"status\":\"loading\"}");
            assertThat(client.post("/v1/completions", "{\"prompt\":\"x\"}").statusCode()).isEqualTo(503);

            server.loadModel();
            var ok = client.get("/health");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("{\"status\":\"ok\"}");

            assertThatThrownBy(() -> LlamaServer.start(ServeOptions.defaults(model).withPort(server.port())))
                    .isInstanceOf(ServeException.class)
                    .hasMessageContaining("port " + server.port())
                    .hasMessageContaining("in use")
                    .matches(e -> ((ServeException) e).userError());
        }
    }

    @Test
    void missingFileIsAUserErrorNamingTheFix() {
        Path missing = dir.resolve("nope.gguf");
        assertThatThrownBy(() -> LlamaServer.start(ServeOptions.defaults(missing).withPort(0)))
                .isInstanceOf(ServeException.class)
                .hasMessageContaining("model file not found: " + missing)
                .hasMessageContaining("lem model synth")
                .matches(e -> ((ServeException) e).userError());
    }

    @Test
    void badMagicIsAUserError() throws IOException {
        Path notGguf = Files.writeString(dir.resolve("model.gguf"), "{\"this\": \"is json\"}");
        assertThatThrownBy(() -> LlamaServer.start(ServeOptions.defaults(notGguf).withPort(0)))
                .isInstanceOf(ServeException.class)
                .hasMessageContaining("not a GGUF file: bad magic")
                .hasMessageContaining(notGguf.toString())
                .matches(e -> ((ServeException) e).userError());
    }

    @Test
    void truncatedModelFailsWithTheNativeReason() throws Exception {
        Path whole = SyntheticModels.write(ModelPreset.TINY, TensorType.F16, 5, dir.resolve("whole.gguf"));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(bytes, bytes.length - 4096));
        try (LlamaServer server = LlamaServer.start(ServeOptions.defaults(cut).withPort(0).withThreads(1))) {
            assertThatThrownBy(server::loadModel)
                    .isInstanceOf(ServeException.class)
                    .hasMessageContaining("could not load " + cut)
                    .hasMessageNotContaining("could not load model")
                    .hasMessageContaining("data is not within the file bounds")
                    .matches(e -> ((ServeException) e).userError());
            assertThat(new Client(server.baseUri()).get("/health").statusCode()).isEqualTo(503);
        }
    }
}
