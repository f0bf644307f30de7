package io.lem.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lem.config.ConfigException;

/** Study keys to flags, against each engine's documented spelling. */
class FlagStyleTest {

    @Test
    void vllmSpellsBooleansAsBooleanOptionalAction() {
        assertThat(FlagStyle.VLLM.args("p", "max_num_seqs", 256L)).containsExactly("--max-num-seqs", "256");
        assertThat(FlagStyle.VLLM.args("p", "enable_prefix_caching", true)).containsExactly("--enable-prefix-caching");
        assertThat(FlagStyle.VLLM.args("p", "enable_prefix_caching", "false"))
                .containsExactly("--no-enable-prefix-caching");
        assertThat(FlagStyle.VLLM.args("p", "gpu_memory_utilization", 0.9)).containsExactly(
                "--gpu-memory-utilization", "0.9");
    }

    @Test
    void switchesLeaveFalseOutAndTrtllmKeepsUnderscores() {
        assertThat(FlagStyle.SWITCH.args("p", "disable_radix_cache", true)).containsExactly("--disable-radix-cache");
        assertThat(FlagStyle.SWITCH.args("p", "disable_radix_cache", false)).isEmpty();
        assertThat(FlagStyle.SNAKE.args("p", "max_batch_size", 8)).containsExactly("--max_batch_size", "8");
        assertThat(FlagStyle.SNAKE.args("p", "trust_remote_code", false)).isEmpty();
        assertThat(FlagStyle.LLAMA.args("p", "mmap", false)).containsExactly("--no-mmap");
    }

    @Test
    void numbersListsAndBadKeys() {
        assertThat(FlagStyle.VLLM.args("p", "max_model_len", 4096.0)).containsExactly("--max-model-len", "4096");
        assertThat(FlagStyle.VLLM.args("p", "served_model_name", List.of("a", "b")))
                .containsExactly("--served-model-name", "a", "b");
        assertThatThrownBy(() -> FlagStyle.VLLM.args("engine.vllm.--x", "--x", 1)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("engine.vllm.--x").hasMessageContaining("without dashes");
        assertThatThrownBy(() -> FlagStyle.VLLM.args("engine.vllm.x", "x", java.util.Map.of("a", 1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("scalar");
    }
}
