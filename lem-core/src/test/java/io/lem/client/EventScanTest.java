package io.lem.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import tools.jackson.databind.JsonNode;

/**
 * The in-place scan answers as OpenAiReader's Jackson tree does, on seeded random events built from the shapes real
 * servers send (and odd ones), each also mutated byte by byte into near-JSON that must be rejected alike.
 */
class EventScanTest {

    private static final String[] VALUES = {"null", "\"\"", "\"x\"", "\"a\\\"b\"", "\"\\u00e9\"", "0", "-3", "12",
            "4.0", "1e2", "2147483648", "99999999999999999999", "true", "[]", "{}", "[1,{\"content\":\"n\"}]",
            "{\"content\":\"deep\"}"};
    private static final String[] KEYS = {"content", "reasoning", "reasoning_content", "text", "role", "delta",
            "prompt_tokens", "completion_tokens", "usage", "error", "choices", "id"};

    private static String value(SplittableRandom r, int depth) {
        if (depth > 3 || r.nextInt(3) == 0) {
            return VALUES[r.nextInt(VALUES.length)];
        }
        if (r.nextInt(4) == 0) {
            StringBuilder a = new StringBuilder("[");
            for (int i = r.nextInt(3); i > 0; i--) {
                a.append(object(r, depth + 1)).append(i > 1 ? "," : "");
            }
            return a.append(']').toString();
        }
        return object(r, depth + 1);
    }

    private static String object(SplittableRandom r, int depth) {
        StringBuilder o = new StringBuilder("{");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            o.append(r.nextInt(5) == 0 ? " " : "").append('"').append(KEYS[r.nextInt(KEYS.length)]).append("\":")
                    .append(r.nextInt(6) == 0 ? " " : "").append(value(r, depth)).append(i < n - 1 ? "," : "");
        }
        return o.append('}').toString();
    }

    private static String mutate(SplittableRandom r, String s) {
        int at = r.nextInt(s.length());
        return switch (r.nextInt(3)) {
            case 0 -> s.substring(0, at) + s.substring(at + 1);
            case 1 -> s.substring(0, at) + "\",}]{[:0 ".charAt(r.nextInt(9)) + s.substring(at);
            default -> s + (r.nextBoolean() ? "}" : " x");
        };
    }

    /** What OpenAiReader decides from the Jackson tree, as one comparable line. */
    private static String viaJackson(String text) {
        JsonNode event = OpenAiReader.parse(text);
        if (event == null) {
            return "malformed";
        }
        JsonNode choice = event.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        boolean reasoning = !Json.text(delta.path("reasoning_content")).isEmpty()
                || !Json.text(delta.path("reasoning")).isEmpty();
        JsonNode usage = event.path("usage");
        String counts = usage.isObject() ? Json.integer(usage.path("prompt_tokens")) + "/"
                + Json.integer(usage.path("completion_tokens")) : "none";
        return "error=" + event.has("error") + " content=" + !Json.text(delta.path("content")).isEmpty()
                + " text=" + !Json.text(choice.path("text")).isEmpty() + " reasoning=" + reasoning
                + " usage=" + counts + " choices=" + (event.path("choices").isArray() && !event.path("choices").isEmpty());
    }

    private static String viaScan(String text) {
        EventScan scan = new EventScan();
        byte[] b = ("  " + text + "  ").getBytes(StandardCharsets.UTF_8);
        if (!scan.scan(b, 2, b.length - 2)) {
            return "malformed";
        }
        return "error=" + scan.error + " content=" + scan.content + " text=" + scan.text + " reasoning="
                + scan.reasoning + " usage=" + (scan.usage ? scan.promptTokens + "/" + scan.completionTokens : "none")
                + " choices=" + scan.choices;
    }

    @RepeatedTest(5)
    void scanAgreesWithTheJacksonTree(RepetitionInfo repetition) {
        SplittableRandom r = new SplittableRandom(repetition.getCurrentRepetition());
        for (int i = 0; i < 400; i++) {
            String event = object(r, 0);
            assertThat(viaScan(event)).as(event).isEqualTo(viaJackson(event));
            String broken = mutate(r, event);
            assertThat(viaScan(broken)).as(broken).isEqualTo(viaJackson(broken));
        }
    }
}
