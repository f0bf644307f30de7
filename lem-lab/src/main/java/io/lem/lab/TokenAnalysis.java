package io.lem.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run's tokens and energy went: the user's query against the overhead they never see (base system prompt,
 * each injection, the conversation context, and the template: the server's prompt count minus the sum of the parts),
 * then thinking against the visible answer. Prefill energy is shared among the prompt's parts by tokens, decode
 * energy between thinking and answer by tokens, so the parts' energies add up to prefill + decode exactly.
 *
 * @param parts           in order: query, system_prompt, injection:NAME..., context, template, thinking, output
 * @param countedBy       how the parts were counted (the engine's tokenizer, or an estimate)
 * @param overheadTokens  everything on the prompt side except the query
 */
public record TokenAnalysis(List<Part> parts, String countedBy, int promptTokens, int overheadTokens,
                            List<String> notes) {

    /** One part: its tokens, its energy (NaN without a measurement) and its share of the run's energy. */
    public record Part(String name, String side, int tokens, double energyJ, double share) {
    }

    /** Counts the tokens of one text. */
    @FunctionalInterface
    public interface Counter {
        int count(String text);
    }

    public static TokenAnalysis of(Composition c, Counter counter, String countedBy, ChatExchange x, double prefillJ,
                                   double decodeJ) {
        List<String> notes = new ArrayList<>();
        Map<String, Integer> input = new LinkedHashMap<>();
        input.put("query", counter.count(c.query()));
        input.put("system_prompt", c.systemPrompt().isBlank() ? 0 : counter.count(c.systemPrompt()));
        for (Composition.Injection i : c.injections()) {
            input.merge("injection:" + i.description(), counter.count(i.content()), Integer::sum);
        }
        input.put("context", c.contextBlock().isEmpty() ? 0 : counter.count(c.contextBlock()));
        int parts = input.values().stream().mapToInt(Integer::intValue).sum();
        int prompt = x.promptTokens() >= 0 ? x.promptTokens() : parts;
        if (x.promptTokens() < 0) {
            notes.add("the server reported no prompt token count: the template part is unknown and set to 0");
        }
        int template = prompt - parts;
        if (template < 0) {
            notes.add("the parts count " + parts + " tokens, more than the " + prompt + " the server counted (" + countedBy
                    + "): template set to 0 and the parts' energy shared by their own counts");
            template = 0;
        }
        input.put("template", template);
        Map<String, Integer> output = new LinkedHashMap<>();
        output.put("thinking", x.thinkingTokens());
        output.put("output", x.outputTokens());
        double totalJ = prefillJ + decodeJ;
        List<Part> out = new ArrayList<>();
        share(input, "input", prefillJ, totalJ, out);
        share(output, "output", decodeJ, totalJ, out);
        int overhead = prompt - input.get("query");
        return new TokenAnalysis(out, countedBy, prompt, Math.max(0, overhead), notes);
    }

    private static void share(Map<String, Integer> tokens, String side, double energyJ, double totalJ, List<Part> out) {
        int sum = tokens.values().stream().mapToInt(Integer::intValue).sum();
        boolean first = true;
        for (Map.Entry<String, Integer> e : tokens.entrySet()) {
            // a side without tokens keeps its energy on its first part, so that nothing measured is lost
            double fraction = sum > 0 ? (double) e.getValue() / sum : first ? 1 : 0;
            first = false;
            double partJ = energyJ * fraction;
            out.add(new Part(e.getKey(), side, e.getValue(), partJ, totalJ > 0 ? partJ / totalJ : Double.NaN));
        }
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("counted_by", countedBy);
        json.put("prompt_tokens", promptTokens);
        json.put("overhead_tokens", overheadTokens);
        json.put("overhead_share_of_prompt", promptTokens > 0 ? (double) overheadTokens / promptTokens : null);
        json.put("parts", parts.stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("side", p.side());
            m.put("tokens", p.tokens());
            m.put("energy_j", LabMaps.num(p.energyJ()));
            m.put("energy_share", LabMaps.num(p.share()));
            return m;
        }).toList());
        json.put("notes", notes);
        return json;
    }
}
