package io.lem.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineExitTest {

    /** Java reports a process killed by signal N as exit status 128 + N. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "137 | killed by SIGKILL", "143 | killed by SIGTERM", "139 | killed by SIGSEGV", "134 | killed by SIGABRT",
            "158 | killed by signal 30", "0 | exited with code 0", "2 | exited with code 2",
            "128 | exited with code 128", "255 | exited with code 255", "-1 | still running"})
    void exitStatusesNameTheirSignal(int exitCode, String described) {
        assertThat(EngineFailure.describeExit(exitCode)).isEqualTo(described);
    }
}
