package io.lem.llamacpp.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The serve entry point reads back exactly the arguments the driver writes, and rejects anything else as a user error. */
class ServeMainTest {

    @Test
    void parsesTheArgumentsItWrites() {
        ServeOptions options = new ServeOptions(Path.of("/m/tiny.gguf"), ServeOptions.DEFAULT_HOST, 4321, 3, 4, 256,
                64, 9);
        assertThat(ServeMain.parse(ServeMain.arguments(options).toArray(String[]::new))).isEqualTo(options);
    }

    @Test
    void unsetFlagsTakeTheDefaults() {
        assertThat(ServeMain.parse("--model", "m.gguf")).isEqualTo(ServeOptions.defaults(Path.of("m.gguf")));
    }

    @Test
    void badArgumentsAreUserErrors() {
        assertThatThrownBy(() -> ServeMain.parse("--model", "m.gguf", "--slots", "2"))
                .isInstanceOf(ServeException.class).hasMessageStartingWith("unknown option --slots; use --model")
                .matches(e -> ((ServeException) e).userError());
        assertThatThrownBy(() -> ServeMain.parse("--port", "1")).hasMessage("--model FILE.gguf is required");
        assertThatThrownBy(() -> ServeMain.parse("--model", "m.gguf", "--parallel", "two"))
                .hasMessage("--parallel 'two' is not a whole number");
        assertThatThrownBy(() -> ServeMain.parse("--model")).hasMessage("--model needs a value");
        assertThatThrownBy(() -> ServeMain.parse("--model", "m.gguf", "--parallel", "0"))
                .hasMessageContaining("--parallel 0 is out of range");
    }
}
