package io.lem.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lem lab}'s user mistakes: one line naming the flag, exit 2, before anything starts. */
class LabCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--bind 0.0.0.0 --endpoint http://127.0.0.1:9 | --bind: 0.0.0.0 is reachable from other machines",
            "--endpoint http://127.0.0.1:9 --api grpc | --api: 'grpc' is not known",
            "--endpoint http://127.0.0.1:9 --embedded tiny | --endpoint: and --embedded both given",
            "--port 70000 --endpoint http://127.0.0.1:9 | --port: 70000 is out of range"})
    void aMistakeIsOneLineAndExitTwo(String args, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] argv = ("lab " + args + " --data-dir target/lab-cli-test").split(" ");
        assertThat(Main.execute(new PrintWriter(out), new PrintWriter(err), argv)).isEqualTo(2);
        assertThat(err.toString().strip()).contains(message).doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
    }
}
