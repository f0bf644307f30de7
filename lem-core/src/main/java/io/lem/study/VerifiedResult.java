package io.lem.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.lem.config.ConfigException;
import io.lem.result.AtomicFiles;
import io.lem.result.Json;
import io.lem.verify.Verification;
import io.lem.verify.Verifier;

/**
 * Writes result.json (or lem load's summary.json), recomputes its figures from the raw files beside it with the
 * independent {@link Verifier} (exactly what {@code lem verify} does later), and writes the outcome into it as its {@code verification} section.
 */
public final class VerifiedResult {

    public static final String SECTION = "verification";

    private VerifiedResult() {
    }

    /** Writes {@code json} into {@code file}, verifies the directory, adds the section; returns the one-line verdict. */
    public static String write(Path file, Map<String, Object> json) throws IOException {
        AtomicFiles.write(file, Json.pretty().writeValueAsBytes(json));
        Map<String, Object> section;
        String line;
        try {
            Verification v = Verifier.verify(file.getParent());
            section = v.toJson();
            line = String.format(Locale.ROOT, "verification: %s, %d figures recomputed from the raw files, largest"
                    + " relative difference %.1e%s", v.passed() ? "passed" : "FAILED", v.figuresChecked(),
                    v.largestRelativeDifference(), v.passed() ? "" : " (" + v.failures().size()
                            + " differ; see " + file.getFileName() + " verification or run lem verify)");
        } catch (ConfigException | UncheckedIOException e) {
            section = new LinkedHashMap<>();
            section.put("passed", false);
            section.put("error", e.getMessage());
            line = "verification: could not recompute the figures: " + e.getMessage();
        }
        Map<String, Object> verified = new LinkedHashMap<>(json);
        verified.put(SECTION, section);
        AtomicFiles.write(file, Json.pretty().writeValueAsBytes(verified));
        return line;
    }
}
