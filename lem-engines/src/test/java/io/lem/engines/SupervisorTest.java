package io.lem.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor as lem runs it: a real JVM around a real engine-like shell process. */
class SupervisorTest {

    @TempDir
    Path tmp;

    @Test
    void anEngineThatDiesOnItsOwnTakesItsOrphanedWorkersAlongAndItsExitCodeIsKept() throws Exception {
        Path log = tmp.resolve("engine.log");
        // the engine starts a worker, then dies: the worker is re-parented, not a descendant any more
        List<String> command = JavaCommand.current().supervisor(Supervisor.arguments(Map.of("LEM_T", "v"), List.of(),
                false, List.of("sh", "-c", "sleep 300 & echo worker $! $LEM_T; sleep 1; exit 3")));
        Process supervisor = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(supervisor.waitFor()).isEqualTo(3);
        String line = Files.readAllLines(log).stream().filter(l -> l.startsWith("worker ")).findFirst().orElseThrow();
        assertThat(line).endsWith(" v");
        ProcessHandle worker = ProcessHandle.of(Long.parseLong(line.split(" ")[1])).orElse(null);
        assertThat(worker == null || ProcessTree.awaitExit(List.of(worker), Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aMissingExecutableIsExit127WithTheReasonInTheLog() throws Exception {
        Path log = tmp.resolve("engine.log");
        List<String> command = JavaCommand.current().supervisor(Supervisor.arguments(Map.of(), List.of(), false,
                List.of(tmp.resolve("no-such-vllm").toString(), "serve")));
        Process supervisor = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(supervisor.waitFor()).isEqualTo(127);
        assertThat(Files.readString(log)).contains("lem: cannot start " + tmp.resolve("no-such-vllm"));
    }

    @Test
    void sigtermStopsTheWholeTree() throws Exception {
        Path log = tmp.resolve("engine.log");
        List<String> args = new java.util.ArrayList<>(List.of("--grace-s", "1")); // SIGKILL after 1 s, not 7
        args.addAll(Supervisor.arguments(Map.of(), List.of(), false,
                List.of("sh", "-c", "trap '' TERM; sleep 300 & echo worker $!; wait")));
        List<String> command = JavaCommand.current().supervisor(args);
        Process supervisor = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String line = null;
        for (int i = 0; i < 100 && line == null; i++) {
            Thread.sleep(100);
            line = Files.readAllLines(log).stream().filter(l -> l.startsWith("worker ")).findFirst().orElse(null);
        }
        assertThat(line).isNotNull();
        Thread.sleep(300); // the supervisor polls its descendants every 100 ms
        List<ProcessHandle> tree = ProcessTree.of(supervisor.toHandle());
        assertThat(tree).hasSizeGreaterThanOrEqualTo(3);
        supervisor.destroy(); // SIGTERM, as EngineProcess sends it; the shell ignores it, so SIGKILL follows
        assertThat(ProcessTree.awaitExit(tree, Duration.ofSeconds(15))).isTrue();
    }
}
