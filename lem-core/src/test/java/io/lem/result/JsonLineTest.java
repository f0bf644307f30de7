package io.lem.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JsonLine writes the bytes Jackson's compact mapper writes for the same values. */
class JsonLineTest {

    @TempDir
    Path tmp;

    /** Every escape class Jackson has, plus what it leaves raw: '/', DEL, C1 controls, U+2028, BMP and astral. */
    static final String[] PIECES = {"\"", "\\", "/", "\b", "\t", "\n", "\f", "\r", "\u0000", "\u0001", "\u001f",
            "\u007f", "\u0080", "\u009f", "é", "\u07ff", "\u0800", "€", "\u2028", "\ufffd", "\uffff", "😀",
            "\uD83D\uDE00", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "HTTP 429: slow down", " ", "{\"error\":1}"};

    static String randomText(SplittableRandom random, int maxPieces) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(maxPieces + 1);
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(3) == 0 ? String.valueOf((char) random.nextInt(0x10000))
                    : PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    static double randomDouble(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0 -> Double.longBitsToDouble(random.nextLong());
            case 1 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
                    Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 1e7, 1e-3, 9999999.999}[random.nextInt(11)];
            case 2 -> random.nextLong(-10_000_000_000L, 10_000_000_000L) / 1e9;
            case 3 -> random.nextLong(0, 1L << 50) / 1e6;
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 25));
        };
    }

    static byte[] jackson(Object value) {
        return Json.compact().writeValueAsBytes(value);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomObjectsMatchJacksonByteForByte(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        JsonLine line = new JsonLine();
        for (int i = 0; i < 2000; i++) {
            line.clear();
            Object expected = randomValue(random, line, 0);
            assertThat(line.toString()).as("seed %d row %d", seed, i).isEqualTo(
                    new String(jackson(expected), StandardCharsets.UTF_8));
            assertThat(line.toByteArray()).isEqualTo(jackson(expected));
        }
    }

    /** Writes one random value into the line and returns what Jackson is given for it. */
    private static Object randomValue(SplittableRandom random, JsonLine line, int depth) {
        int kind = random.nextInt(depth < 3 ? 8 : 6);
        switch (kind) {
            case 0 -> {
                line.nullValue();
                return null;
            }
            case 1 -> {
                boolean b = random.nextBoolean();
                line.value(b);
                return b;
            }
            case 2 -> {
                long v = random.nextInt(4) == 0 ? new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1}[random.nextInt(4)]
                        : random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
                line.value(v);
                return v;
            }
            case 3, 4 -> {
                double v = randomDouble(random);
                line.value(v);
                return v;
            }
            case 5 -> {
                String s = randomText(random, 6);
                line.value(s);
                return s;
            }
            case 6 -> {
                List<Object> list = new ArrayList<>();
                line.beginArray();
                for (int n = random.nextInt(5); n > 0; n--) {
                    list.add(randomValue(random, line, depth + 1));
                }
                line.endArray();
                return list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                line.beginObject();
                for (int n = random.nextInt(5); n > 0; n--) {
                    String key = "k" + map.size() + randomText(random, 2);
                    if (random.nextBoolean()) {
                        line.name(key);
                    } else {
                        line.name(JsonLine.key(key));
                    }
                    map.put(key, randomValue(random, line, depth + 1));
                }
                line.endObject();
                return map;
            }
        }
    }

    /** The shortcut for times from nanoseconds writes what Double.toString writes for the same quotient. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void scaledQuotientsAreDoubleToStringDigits(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        JsonLine fast = new JsonLine();
        JsonLine slow = new JsonLine();
        for (int i = 0; i < 200_000; i++) {
            int decimals = random.nextInt(1, 10);
            long units;
            if (random.nextInt(4) == 0) {
                // around every power of ten, where the layout or the shortcut's range changes
                long p = (long) Math.pow(10, random.nextInt(19));
                units = p + random.nextLong(-3, 4);
            } else {
                units = random.nextLong(1L << random.nextInt(1, 63));
            }
            units = random.nextBoolean() ? units : -units;
            fast.clear().scaled(units, decimals);
            slow.clear().value(units / Math.pow(10, decimals));
            assertThat(fast.toString()).as("%d / 10^%d", units, decimals).isEqualTo(slow.toString());
        }
        assertThat(fast.clear().scaled(Long.MIN_VALUE, 6).toString()).isEqualTo(Double.toString(Long.MIN_VALUE / 1e6));
        assertThat(fast.clear().scaled(0, 9).toString()).isEqualTo("0.0");
    }

    @Test
    void nanAndInfinityAreJacksonsStringsAndFiniteOrNullMakesThemNull() {
        JsonLine line = new JsonLine().beginArray().value(Double.NaN).value(Double.POSITIVE_INFINITY)
                .value(Double.NEGATIVE_INFINITY).finiteOrNull(Double.NaN).finiteOrNull(2.5).endArray();
        assertThat(line.toString()).isEqualTo("[\"NaN\",\"Infinity\",\"-Infinity\",null,2.5]");
        assertThat(line.toString()).isEqualTo(new String(jackson(java.util.Arrays.asList(Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Json.finiteOrNull(Double.NaN), 2.5)),
                StandardCharsets.UTF_8));
    }

    @Test
    void aLongStringWithEveryEscapeClassGrowsTheBuffer() {
        String text = String.join("", PIECES).repeat(500);
        JsonLine line = new JsonLine().beginObject().name("error").value(text).endObject();
        assertThat(line.toByteArray()).isEqualTo(jackson(Map.of("error", text)));
        line.clear().beginObject().name("a").value(1).endObject();
        assertThat(line.toString()).isEqualTo("{\"a\":1}");
    }

    /** Both kinds of row land in one file as UTF-8; an unpaired surrogate is escaped instead of failing the run. */
    @Test
    void theWriterTakesEncodedLinesAndJacksonRowsAlike() throws IOException {
        Path file = tmp.resolve("rows.jsonl");
        try (JsonlWriter out = new JsonlWriter(file)) {
            out.append(new JsonLine().beginObject().name("error").value("bad \uD800 é").endObject().newline());
            out.write(Map.of("error", "bad \uD800 é"));
            out.flush();
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                .containsExactly("{\"error\":\"bad \\uD800 é\"}", "{\"error\":\"bad \\uD800 é\"}");
    }

}
