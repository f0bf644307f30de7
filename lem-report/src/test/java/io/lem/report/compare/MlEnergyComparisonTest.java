package io.lem.report.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.lem.config.ConfigException;
import io.lem.report.export.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ML.ENERGY's published files (three verbatim copies) mapped onto lem's names, and matched with lem points. */
class MlEnergyComparisonTest {

    private static final Path DIR = Fixtures.resource("mlenergy");
    private static final String MODEL = "meta-llama/Meta-Llama-3.1-8B-Instruct";
    private static final String H100 = "NVIDIA H100 80GB HBM3";

    @Test
    void theirFieldsMapOntoLemsNames() {
        List<MlEnergyRun> runs = MlEnergyRun.read(DIR, "--mlenergy");

        // sorted by file name: bs128, bs256, bs64
        assertThat(runs).extracting(MlEnergyRun::batchLimit).containsExactly(128L, 256L, 64L);
        MlEnergyRun bs128 = runs.getFirst();
        // the file's figures, copied from it by hand
        assertThat(bs128.model()).isEqualTo(MODEL);
        assertThat(bs128.gpu()).isEqualTo(H100);
        assertThat(bs128.gpus()).isEqualTo(1);
        assertThat(bs128.joulesPerOutputToken()).isCloseTo(63.122728432700505 / 483.135, within(1e-15));
        assertThat(bs128.joulesPerOutputToken()).isCloseTo(0.13065, within(5e-6));
        assertThat(bs128.tpotMs()).isCloseTo(56.651204094629815, within(1e-9));
        assertThat(bs128.tokensPerSecond()).isEqualTo(2152.5157219742528);
        assertThat(bs128.batchFill()).isCloseTo(127.76696198272961 / 128, within(1e-15));
    }

    @Test
    void aLemPointMatchesTheRunAtItsBatchLimit() {
        List<MlEnergyRun> runs = MlEnergyRun.read(DIR, "--mlenergy");
        LemGpuPoint onH100 = new LemGpuPoint("engine.vllm.max_num_seqs=128", 128L, MODEL, H100, 1L, 0.2, 0.35,
                2000.0, 60.0, 3, false);
        LemGpuPoint small = new LemGpuPoint("engine.vllm.max_num_seqs=8", 8L, MODEL, H100, 1L, 0.5, 0.7, 100.0,
                20.0, 3, false);

        MlEnergyComparison c = MlEnergyComparison.of(List.of(onH100, small), runs);

        assertThat(c.matched()).hasSize(1);
        MlEnergyComparison.Pair p = c.matched().getFirst();
        assertThat(p.mlEnergy().batchLimit()).isEqualTo(128);
        assertThat(p.ratio()).isCloseTo(0.2 / (63.122728432700505 / 483.135), within(1e-12));
        assertThat(p.sameModel()).isTrue();
        assertThat(p.sameGpu()).isTrue();
        assertThat(c.lemOnly()).containsExactly(small);
        assertThat(c.mlEnergyOnly()).extracting(MlEnergyRun::batchLimit).containsExactly(256L, 64L);
        String text = MlEnergyText.text(c, "results/x");
        assertThat(text).contains("GPU energy only", "steady state", "derived", "node column")
                .contains("lem points without an ML.ENERGY run at their B: engine.vllm.max_num_seqs=8 (B=8)");
    }

    @Test
    void lemsRealCpuStudyHasNoGpuFigureAndMatchesNothing() {
        MlEnergyComparison c = MlEnergyComparison.of(
                LemGpuPoint.of(io.lem.report.export.TidyTables.read(Fixtures.study(), "A")),
                MlEnergyRun.read(DIR, "--mlenergy"));

        assertThat(c.matched()).isEmpty();
        assertThat(c.lemOnly()).hasSize(4).allSatisfy(p -> {
            assertThat(p.gpuJoulesPerOutputToken()).isNull();
            assertThat(p.nodeJoulesPerOutputToken()).isPositive();
            assertThat(p.estimated()).isTrue();
        });
        assertThat(c.lemOnly()).extracting(LemGpuPoint::batchLimit).containsExactly(1L, 1L, 2L, 2L);
    }

    @Test
    void aFileWithoutTheirFieldsIsAUserError(@TempDir Path tmp) throws IOException {
        Path bad = Files.writeString(tmp.resolve("x.json"), "{\"Model\": \"m\"}");

        assertThatThrownBy(() -> MlEnergyRun.read(bad, "--mlenergy")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--mlenergy: '" + bad + "' has no \"GPU\"; fix: ");
    }
}
