package io.lem.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

/** The two hashes of a plan. Both ignore the order of keys, so the layout of the YAML never changes them. */
public final class PointHash {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PointHash() {
    }

    /**
     * A point's hash: {@code io.lem.config.ExperimentConfig#hash}'s rule (SHA-256 over {@code key=value} lines,
     * sorted by key), here over the resolved settings together with the engine's pass-through flags, so a point
     * without flags has the same hash as its experiment.
     */
    public static String point(Map<String, ?> values) {
        StringBuilder canonical = new StringBuilder();
        hashed(values).forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
        return sha256(canonical.toString());
    }

    /**
     * The study design hash: SHA-256 over the canonical JSON (keys sorted, no spaces) of the unique points in plan
     * order, as LLenergyMeasure's {@code compute_study_design_hash} (which keeps 16 hex digits; lem keeps all 64).
     * Execution settings are not points, so they are not in it.
     */
    public static String design(List<? extends Map<String, ?>> points) {
        List<TreeMap<String, ?>> sorted = points.stream().<TreeMap<String, ?>>map(PointHash::hashed).toList();
        return sha256(JSON.writeValueAsString(sorted));
    }

    /** The keys that enter hashes, sorted: not the carbon keys, which change no physics (ExperimentConfig#hash). */
    private static TreeMap<String, Object> hashed(Map<String, ?> values) {
        TreeMap<String, Object> kept = new TreeMap<>();
        values.forEach((k, v) -> {
            if (io.lem.config.ConfigSchema.entersHash(k, v) || !io.lem.config.ConfigSchema.isExperimentKey(k)) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    /** The shuffle seed a design hash implies when {@code execution.seed} is not given: its first 64 bits. */
    public static long seedOf(String designHash) {
        return Long.parseUnsignedLong(designHash.substring(0, 16), 16);
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
