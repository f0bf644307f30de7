package io.lem.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sbatch script's text for fixed studies, sealed by golden files, under two locales. */
class ArrayScriptTest {

    private static final Path STUDY = Path.of("/results/bar-sweep_20261201-101500");
    private static final Path LAUNCHER = Path.of("/opt/lem/lem");

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE"})
    void aWholeStudyOnExclusiveGpuNodes(String locale) throws IOException {
        SlurmOptions options = new SlurmOptions("gpu", "proj1", "1:00:00", 1, 2, true, 5, LAUNCHER);
        assertThat(inLocale(locale, () -> ArrayScript.render("bar-sweep", STUDY, List.of(0, 1, 2, 3, 4, 5, 6, 7), 8,
                options))).isEqualTo(golden("array-exclusive.sbatch"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE"})
    void aResumeOfSomeRunsOnSharedNodes(String locale) throws IOException {
        SlurmOptions options = new SlurmOptions(null, null, null, 0, 0, false, 5, LAUNCHER);
        assertThat(inLocale(locale, () -> ArrayScript.render("my study", STUDY, List.of(0, 3, 4, 5, 9), 12, options)))
                .isEqualTo(golden("array-resume-shared.sbatch"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0|0", "0,1,2|0-2", "1,3|1,3", "0,1,3,4,5,9|0-1,3-5,9"})
    void rangesAreSbatchArraySyntax(String example) {
        String[] parts = example.split("\\|");
        List<Integer> runs = java.util.Arrays.stream(parts[0].split(",")).map(Integer::valueOf).toList();
        assertThat(ArrayScript.ranges(runs)).isEqualTo(parts[1]);
    }

    private static String inLocale(String tag, java.util.function.Supplier<String> render) {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(tag));
        try {
            return render.get();
        } finally {
            Locale.setDefault(before);
        }
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = ArrayScriptTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
