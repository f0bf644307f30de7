package io.lem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A heap too small for the data is one line naming the limit and the fix, exit 1; never a stack trace. */
class OutOfMemoryTest {

    @TempDir
    Path dir;

    @Test
    void aReportTooLargeForTheHeapSaysHowToGiveItMore() throws Exception {
        Path load = Files.createDirectory(dir.resolve("load"));
        Files.copy(resource("load-tiny/summary.json"), load.resolve("summary.json"));
        String row = new String(resource("load-tiny/one-request.jsonl").readAllBytes(), StandardCharsets.UTF_8).strip();
        try (BufferedWriter out = Files.newBufferedWriter(load.resolve("requests.jsonl"))) {
            for (int i = 0; i < 60_000; i++) { // about 1 KB of heap each once read: far above the 16 MB below
                out.write(row.replaceFirst("\"id\":1,", "\"id\":" + i + ","));
                out.write('\n');
            }
        }
        Process lem = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-Xmx16m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "report",
                load.toString(), "--out", dir.resolve("report").toString())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertThat(lem.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(lem.exitValue()).as(err).isEqualTo(1);
        assertThat(err).contains("lem: out of memory (Java heap space, heap limit ")
                .contains("files already written are kept")
                .contains("fix: give the JVM more heap, e.g. LEM_JAVA_OPTS=-Xmx8g ./lem report " + load)
                .doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    /** The fix's command line is pasteable: bash splits it back into exactly the arguments given. */
    @Test
    void theRepeatedCommandLineSurvivesTheShell() throws Exception {
        String[] args = {"query", "--root", "/tmp/a b", "SELECT count(*) FROM requests WHERE status = 'ok'", "", "$HOME",
                "--format=csv"};
        Process bash = new ProcessBuilder("bash", "-c", "printf '%s\\n' " + Main.shellWords(args)).start();
        String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).isZero();
        assertThat(printed.split("\n", -1)).containsExactly(
                "query", "--root", "/tmp/a b", "SELECT count(*) FROM requests WHERE status = 'ok'", "", "$HOME",
                "--format=csv", "");
        assertThat(Main.shellWords("report", "results/demo_1")).isEqualTo("report results/demo_1");
    }

    private static InputStream resource(String name) throws IOException {
        return Objects.requireNonNull(OutOfMemoryTest.class.getResourceAsStream(name), name);
    }
}
