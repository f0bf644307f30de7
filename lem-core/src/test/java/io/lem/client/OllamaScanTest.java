package io.lem.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import tools.jackson.databind.JsonNode;

/**
 * The in-place NDJSON scan decides as OllamaReader's Jackson tree does, on seeded random lines built from the keys
 * Ollama sends (and odd values), each also mutated into near-JSON that must be rejected alike: the same text and
 * thinking chunks, and a line the scan lets pass as not closing never closes the stream for Jackson either.
 */
class OllamaScanTest {

    private static final String[] VALUES = {"null", "\"\"", "\"x\"", "\"a\\\"b\"", "0", "1", "true", "false",
            "\"true\"", "[]", "{}", "{\"content\":\"deep\"}", "{\"thinking\":\"t\"}", "[{\"content\":\"n\"}]"};
    private static final String[] KEYS = {"message", "content", "response", "thinking", "done", "error", "role",
            "eval_count", "model"};

    private static String value(SplittableRandom r, int depth) {
        return depth > 2 || r.nextInt(3) > 0 ? VALUES[r.nextInt(VALUES.length)] : object(r, depth + 1);
    }

    private static String object(SplittableRandom r, int depth) {
        StringBuilder o = new StringBuilder("{");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            o.append('"').append(KEYS[r.nextInt(KEYS.length)]).append("\":").append(r.nextInt(5) == 0 ? " " : "")
                    .append(value(r, depth)).append(i < n - 1 ? "," : "");
        }
        return o.append('}').toString();
    }

    private static String mutate(SplittableRandom r, String s) {
        int at = r.nextInt(s.length());
        return r.nextBoolean() ? s.substring(0, at) + s.substring(at + 1)
                : s.substring(0, at) + "\",}]{[:0 ".charAt(r.nextInt(9)) + s.substring(at);
    }

    /** What OllamaReader decides from the Jackson tree: the chunk kind, and whether the line closes the stream. */
    private static String viaJackson(String line, boolean chat) {
        JsonNode object = OpenAiReader.parse(line);
        if (object == null) {
            return "malformed";
        }
        JsonNode holder = chat ? object.path("message") : object;
        boolean content = !Json.text(holder.path(chat ? "content" : "response")).isEmpty();
        boolean thinking = !content && !Json.text(holder.path("thinking")).isEmpty();
        return "content=" + content + " thinking=" + thinking;
    }

    private static boolean closesForJackson(String line) {
        JsonNode object = OpenAiReader.parse(line);
        return object.has("error") || object.path("done").asBoolean(false);
    }

    @RepeatedTest(4)
    void scanAgreesWithTheJacksonTree(RepetitionInfo repetition) {
        SplittableRandom r = new SplittableRandom(repetition.getCurrentRepetition());
        for (boolean chat : new boolean[] {true, false}) {
            OllamaScan scan = new OllamaScan(chat);
            for (int i = 0; i < 400; i++) {
                String object = object(r, 0);
                for (String line : new String[] {object, mutate(r, object)}) {
                    byte[] b = (" " + line + " ").getBytes(StandardCharsets.UTF_8);
                    boolean ok = scan.scan(b, 1, b.length - 1);
                    String scanned = ok ? "content=" + scan.content + " thinking=" + (!scan.content && scan.thinking)
                            : "malformed";
                    assertThat(scanned).as(line).isEqualTo(viaJackson(line, chat));
                    if (ok && !scan.closing) {
                        assertThat(closesForJackson(line)).as(line).isFalse();
                    }
                }
            }
        }
    }
}
