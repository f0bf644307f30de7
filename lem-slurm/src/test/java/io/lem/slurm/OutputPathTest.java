package io.lem.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lem.config.ConfigException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code #SBATCH --output} for study directories with spaces, quotes and backslashes, as the real sbatch reads the
 * script: {@code sbatch -vv --test-only} prints the options it parsed before it tries to reach a controller, so no
 * running Slurm is needed, only its client (Debian slurm-client, which slurm-wlm pulls in).
 */
class OutputPathTest {

    private static final SlurmOptions OPTIONS = new SlurmOptions(null, null, null, 0, 0, true, 5,
            Path.of("/opt/lem/lem"));

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"my results/study a", "it's here", "back\\slash", "dq\"x", "plain"})
    void sbatchReadsTheWholeLogPath(String name) throws IOException, InterruptedException {
        Path studyDir = Files.createDirectories(tmp.resolve(name));
        String script = ArrayScript.render("s", studyDir, List.of(0, 1), 2, OPTIONS);
        String expected = studyDir.toAbsolutePath() + "/slurm/logs/unit-%a.out";

        assertThat(parsedOutput(script)).isEqualTo(expected);
    }

    @Test
    void aPercentInTheDirectoryIsRefusedNamingThePathAndTheFix() {
        Path studyDir = tmp.resolve("100%_sure");
        assertThatThrownBy(() -> ArrayScript.render("s", studyDir, List.of(0), 1, OPTIONS))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(studyDir.toAbsolutePath().toString())
                .hasMessageContaining("file-name pattern")
                .hasMessageContaining("fix: give --results a directory");
    }

    /** The --output value sbatch lists under "defined options" for {@code script}. */
    private String parsedOutput(String script) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("sbatch"), "skipped: no sbatch on the PATH; install it with "
                + "apt-get install slurm-client (or slurm-wlm)");
        Path conf = tmp.resolve("slurm.conf");
        String host = InetAddress.getLocalHost().getHostName();
        // port 1: nothing listens there, so sbatch stops right after parsing, submitting nothing; MessageTimeout=1
        // instead of its 10 s default, with which sbatch retries the connection for 18 s
        Files.writeString(conf, "ClusterName=t\nSlurmctldHost=" + host + "\nSlurmctldPort=1\nMessageTimeout=1\nNodeName=" + host
                + " CPUs=1\nPartitionName=p Nodes=ALL Default=YES\n");
        Path file = tmp.resolve("array.sbatch");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder("sbatch", "-vv", "--test-only", file.toString()).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", conf.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> l.matches("sbatch: output +: .*")).map(l -> l.replaceFirst("sbatch: output +: ", ""))
                .findFirst().orElseThrow(() -> new AssertionError("sbatch listed no output option:\n" + out));
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
