package io.lem.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lem.config.ExperimentConfig;
import io.lem.engine.EngineLaunch;
import io.lem.engine.PreparedModel;

/** The {@code docker run} form: its argv only (no docker here). */
class DockerFormTest {

    @Test
    void vllmInDockerPublishesOnLoopbackAndIsStoppedByName() throws Exception {
        ExperimentConfig config = ExperimentConfig.resolve(1, Map.of("engine.type", "vllm",
                "engine.model", "facebook/opt-125m", "engine.port", 18000, "engine.docker.image", "vllm/vllm-openai:v0.11.0",
                "engine.docker.gpus", "device=0", "engine.docker.args", List.of("--shm-size", "8g"),
                "engine.vllm.max_num_seqs", 32));
        VllmDriver driver = new VllmDriver(new JavaCommand("java", "cp"));
        EngineLaunch launch = driver.launch(config.engine(), new PreparedModel("facebook/opt-125m",
                Path.of("facebook/opt-125m")), Path.of("engine.log"));
        List<String> command = launch.command();
        String name = "lem-vllm-18000-" + ProcessHandle.current().pid();
        assertThat(command.subList(command.indexOf("--") + 1, command.size())).containsExactly(
                "docker", "run", "--rm", "--name", name, "--gpus", "device=0", "-p", "127.0.0.1:18000:18000",
                "--shm-size", "8g", "--entrypoint", "vllm", "vllm/vllm-openai:v0.11.0",
                "serve", "facebook/opt-125m", "--host", "0.0.0.0", "--port", "18000", "--max-num-seqs", "32");
        assertThat(command.subList(0, command.indexOf("--"))).containsSequence("--stop-arg", "docker", "--stop-arg",
                "stop", "--stop-arg", "--time", "--stop-arg", "5", "--stop-arg", name);
        assertThat(launch.baseUrl().toString()).isEqualTo("http://127.0.0.1:18000");
    }

    @Test
    void ollamaInDockerPassesItsEnvironmentWithMinusE() {
        ExperimentConfig config = ExperimentConfig.resolve(1, Map.of("engine.type", "ollama",
                "engine.model", "qwen2.5:0.5b", "engine.docker.image", "ollama/ollama", "engine.ollama.num_parallel", 2));
        List<String> command = new OllamaDriver(new JavaCommand("java", "cp")).dockerCommand(config.engine(),
                "qwen2.5:0.5b", 11434, "ollama/ollama", "c");
        assertThat(command).containsExactly("docker", "run", "--rm", "--name", "c", "--gpus", "all",
                "-p", "127.0.0.1:11434:11434", "-e", "OLLAMA_HOST=0.0.0.0:11434", "-e", "OLLAMA_NUM_PARALLEL=2",
                "--entrypoint", "ollama", "ollama/ollama", "serve");
    }
}
