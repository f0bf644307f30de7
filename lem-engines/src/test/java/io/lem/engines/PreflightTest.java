package io.lem.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lem.engine.EngineException;

/**
 * The checks before an experiment: a previous engine still running is stopped, a held port is waited for, and GPU
 * memory (read through lem-core's NVML binding from the C NVML stub, lem-core/src/test/c/nvml_stub.c, built here
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
        Stub stub = Stub.load();
        stub.call("stub_reset");
        stub.call("stub_set_device_count", 2);
        stub.memory(0, 80_000 * MIB, 600 * MIB);
        stub.memory(1, 80_000 * MIB, 400 * MIB);
        try (GpuMemory gpus = NvmlGpuMemory.open(stub.library.toString())) {
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

    /** The NVML stub of lem-core's tests, compiled into this module's target. */
    private record Stub(Path library, SymbolLookup lookup) {

        static Stub load() throws IOException, InterruptedException {
            assumeTrue(gcc(), "gcc not found: the NVML stub test needs it (Debian: apt-get install gcc)");
            Path out = Path.of("target/nvml-stub").toAbsolutePath();
            Files.createDirectories(out);
            Path lib = out.resolve("libnvidia-ml-stub.so");
            Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O1", "-o", lib.toString(),
                    "../lem-core/src/test/c/nvml_stub.c").redirectErrorStream(true).start();
            String output = new String(gcc.getInputStream().readAllBytes());
            if (gcc.waitFor() != 0) {
                throw new IllegalStateException("gcc failed: " + output);
            }
            return new Stub(lib, SymbolLookup.libraryLookup(lib, Arena.global()));
        }

        void call(String symbol, int... args) throws Throwable {
            ValueLayout[] layouts = new ValueLayout[args.length];
            java.util.Arrays.fill(layouts, ValueLayout.JAVA_INT);
            Object[] values = java.util.Arrays.stream(args).boxed().toArray();
            Linker.nativeLinker().downcallHandle(lookup.find(symbol).orElseThrow(), FunctionDescriptor.ofVoid(layouts))
                    .invokeWithArguments(values);
        }

        void memory(int device, long total, long used) throws Throwable {
            Linker.nativeLinker().downcallHandle(lookup.find("stub_set_memory").orElseThrow(),
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG))
                    .invokeWithArguments(device, total, used);
        }

        private static boolean gcc() {
            try {
                return new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start().waitFor() == 0;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }
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
