package io.lem.report.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seals the CSV and JSONL exports against golden files under locales with different decimal separators: every table
 * of one real experiment directory, and the points and cycles of the real study around it. A format change must be
 * deliberate (regenerate with -Dlem.golden.update=true and review the diff).
 */
class ExportGoldenTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE"})
    void exportsAreStableInEveryLocale(String tag) throws IOException {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(tag));
        try {
            TidyTables cycle = TidyTables.of(ResultsDir.at(Fixtures.cycle()).orElseThrow());
            for (ExportFormat format : new ExportFormat[] {ExportFormat.CSV, ExportFormat.JSONL}) {
                Path out = tmp.resolve(tag + "-" + format.extension());
                for (Path file : TableFiles.write(cycle, format, out)) {
                    check("experiment/" + file.getFileName(), Files.readString(file));
                }
                TidyTables study = TidyTables.of(ResultsDir.at(Fixtures.study()).orElseThrow());
                for (String table : new String[] {TidyTables.POINTS, TidyTables.CYCLES}) {
                    String text = format == ExportFormat.CSV ? TableFiles.csv(study.table(table))
                            : TableFiles.jsonl(study.table(table));
                    check("study/" + table + "." + format.extension(), text);
                }
            }
        } finally {
            Locale.setDefault(saved);
        }
    }

    private static void check(String name, String actual) throws IOException {
        Path source = Path.of("src/test/resources/golden/export", name);
        if (Boolean.getBoolean("lem.golden.update")) {
            Files.createDirectories(source.getParent());
            Files.writeString(source, actual);
        }
        // read from the source tree (surefire runs in the module directory), so an update is seen at once
        assertThat(source).as("golden file %s (create it with -Dlem.golden.update=true)", name).isRegularFile();
        assertThat(actual).as(name).isEqualTo(Files.readString(source, StandardCharsets.UTF_8));
    }
}
