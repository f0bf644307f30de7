package io.lem.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineMetricsCsvTest {

    @TempDir
    Path dir;

    @Test
    void aLabelledSeriesSurvivesItsQuotingAndBlankLinesAreSkipped() throws IOException {
        String series = "vllm:num_requests_running{engine=\"0\",model_name=\"m\"}";
        Path file = Files.writeString(dir.resolve(EngineMetricsCsv.FILE), EngineMetricsCsv.HEADER + "\n0.5,"
                + EngineMetricsCsv.cell(series) + ",3.0\n\n1.5,plain,0.25\n");
        assertThat(EngineMetricsCsv.read(file)).containsExactly(new EngineMetricsCsv.Row(0.5, series, 3.0),
                new EngineMetricsCsv.Row(1.5, "plain", 0.25));
        assertThat(EngineMetricsCsv.read(file).getFirst().name()).isEqualTo("vllm:num_requests_running");
    }

    @Test
    void aMalformedLineIsNamedByItsLineNumberAndAnUnreadableFileByItsName() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), EngineMetricsCsv.HEADER + "\n\n0.5,s\n");
        assertThatThrownBy(() -> EngineMetricsCsv.read(file)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("a.csv:3").hasMessageContaining("got 2 cells").hasMessageContaining("fix:");
        Path nan = Files.writeString(dir.resolve("b.csv"), EngineMetricsCsv.HEADER + "\n0.5,s,x\n");
        assertThatThrownBy(() -> EngineMetricsCsv.read(nan)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("b.csv:2").hasMessageContaining("not a number");
        assertThatThrownBy(() -> EngineMetricsCsv.read(dir.resolve("missing.csv")))
                .isInstanceOf(ResultFileException.class).hasMessageContaining("missing.csv: cannot be read");
    }
}
