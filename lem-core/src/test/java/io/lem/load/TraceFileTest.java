package io.lem.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.lem.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceFileTest {

    @TempDir
    Path dir;

    @Test
    void csvInMillisecondsWithTokenLengthsReplaysFromTheFirstRow() throws IOException {
        Path trace = write("t.csv", "timestamp_ms,input_tokens,output_tokens\n1000,12,30\n1250,7,\n3000,100,5\n");
        ArrivalProcess.TraceReplay replay = TraceFile.read(trace);
        assertThat(replay.rows()).containsExactly(new ArrivalProcess.TraceRow(0, 12, 30),
                new ArrivalProcess.TraceRow(250_000_000, 7, -1), new ArrivalProcess.TraceRow(2_000_000_000, 100, 5));

        Schedule s = Schedules.build(replay, LoadShape.stopAfter(new Extent.Seconds(2)), 0);
        assertThat(s.arrivals()).extracting(Arrival::inputTokens).containsExactly(12, 7);
    }

    @Test
    void jsonlInSecondsAcceptsMooncakeLengthNames() throws IOException {
        Path trace = write("t.jsonl", "{\"timestamp_s\": 5.5, \"input_length\": 64, \"output_length\": 8}\n\n"
                + "{\"timestamp_s\": 6.0}\n");
        assertThat(TraceFile.read(trace).rows()).containsExactly(new ArrivalProcess.TraceRow(0, 64, 8),
                new ArrivalProcess.TraceRow(500_000_000, -1, -1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "t.csv|timestamp_s\\n2\\n1\\n|row 2: timestamp 1.0 s is earlier",
            "t.csv|time,tokens\\n1,2\\n|names no timestamp column",
            "t.csv|timestamp_s,input_tokens\\n1\\n|line 2 has 1 cells",
            "t.csv|timestamp_s\\nsoon\\n|'soon' is not a number",
            "t.csv|timestamp_s,output_tokens\\n1,2.5\\n|output_tokens 2.5 is not a whole count",
            "t.jsonl|{\"timestamp_ms\": 1}\\nnot json\\n|line 2 is not JSON",
            "t.jsonl|{\"at\": 1}\\n|no numeric timestamp_s or timestamp_ms",
            "t.jsonl|{\"timestamp_s\": 1, \"input_tokens\": \"many\"}\\n|input_tokens \"many\" is not a number",
            "t.txt|timestamp_s\\n1\\n|unknown extension",
            "t.csv|timestamp_s\\n|has no rows"})
    void badTracesFailWithTheLineAndTheFix(String name, String content, String message) throws IOException {
        Path trace = write(name, content.replace("\\n", "\n"));
        assertThatThrownBy(() -> TraceFile.read(trace)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message).hasMessageContaining("fix");
    }

    @Test
    void askingForMoreRequestsThanTheTraceHoldsIsAnError() throws IOException {
        ArrivalProcess.TraceReplay replay = TraceFile.read(write("t.csv", "timestamp_s\n0\n1\n"));
        assertThatThrownBy(() -> Schedules.build(replay, LoadShape.stopAfter(new Extent.Requests(3)), 0))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only 2 rows");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
