package io.lem.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lem.engine.EngineException;
import io.lem.testkit.NvmlStub;

/**
 * The checks before an experiment: a previous engine still running is stopped, a held port is waited for, and GPU
 * memory (read through lem-core's NVML binding from the C NVML stub, lem-testkit's nvml_stub.c, built here
 * with gcc) must come back to its idle level.
 */
class PreflightTest {

    private static final long MIB = 1L << 20;
    private static final Preflight.Options SHORT = new Preflight.Options(Duration.ofSeconds(2), 512 * MIB,
            Duration.ofMillis(50));

    @Test
    void aPreviousEngineStillRunningIsStoppedWithItsChildren() throws Exception {
        Process previous = new ProcessBuilder("sh", "-c", "sleep 300 & sleep 300; wait").start();
        Thread.sleep(200); // let the shell fork its children
        List<ProcessHandle> tree = ProcessTree.of(previous.toHandle());
        assertThat(tree).hasSize(3);
        Preflight.Report report = new Preflight(GpuMemory.NONE, SHORT).check(tree, List.of());
        assertThat(report.stoppedLeft()).isEqualTo(3);
        assertThat(ProcessTree.alive(tree)).isEmpty();
        assertThat(report.gpuSource()).contains("no NVML");
    }

    @Test
    void aHeldPortIsWaitedForAndOneHeldTooLongIsAUserError() throws Exception {
        ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), held.getLocalPort());
        Thread.ofVirtual().start(() -> {
            sleep(300);
            close(held);
        });
        new Preflight(GpuMemory.NONE, SHORT).check(List.of(), List.of(address));

        try (ServerSocket stillHeld = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress busy = new InetSocketAddress(InetAddress.getLoopbackAddress(), stillHeld.getLocalPort());
            assertThatThrownBy(() -> new Preflight(GpuMemory.NONE, SHORT).check(List.of(), List.of(busy)))
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("port " + busy.getPort()).hasMessageContaining("engine.port")
                    .matches(e -> ((EngineException) e).userError(), "is a user error");
        }
    }

    @Test
    void gpuMemoryMustComeBackToItsIdleLevel() throws Throwable {
        NvmlStub stub = NvmlStub.current();
        stub.deviceCount(2);
        stub.memory(0, 80_000 * MIB, 600 * MIB);
        stub.memory(1, 80_000 * MIB, 400 * MIB);
        try (GpuMemory gpus = NvmlGpuMemory.open(stub.library().toString())) {
            assertThat(gpus).isInstanceOf(NvmlGpuMemory.class);
            Preflight preflight = new Preflight(gpus, SHORT);
            assertThat(preflight.recordIdle()).containsExactly(600 * MIB, 400 * MIB);

            // the previous engine's 70 GiB on GPU 1 is freed a moment after it exited
            stub.memory(1, 80_000 * MIB, 70_000 * MIB);
            Thread.ofVirtual().start(() -> {
                sleep(300);
                try {
                    stub.memory(1, 80_000 * MIB, 700 * MIB); // within the 512 MiB tolerance of 400
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            });
            Preflight.Report report = preflight.check(List.of(), List.of());
            assertThat(report.gpuUsedBytes()).containsExactly(600 * MIB, 700 * MIB);
            assertThat(report.gpuIdleBytes()).containsExactly(600 * MIB, 400 * MIB);

            stub.memory(0, 80_000 * MIB, 2_000 * MIB);
            assertThatThrownBy(() -> preflight.check(List.of(), List.of()))
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("GPU 0 holds 2000 MiB, 1400 MiB above its idle level of 600 MiB");
        }
    }

    @Test
    void withoutNvmlTheGpuCheckIsSkipped() {
        assertThat(NvmlGpuMemory.open("/nonexistent/libnvidia-ml.so.1")).isSameAs(GpuMemory.NONE);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
