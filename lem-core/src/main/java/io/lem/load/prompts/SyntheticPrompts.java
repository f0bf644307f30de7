package io.lem.load.prompts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic prompts of a controlled token length. Words are drawn from a fixed list; with a
 * {@link TokenCounter} from the engine the word count is searched so the prompt has exactly the target tokens
 * (or the nearest length the tokenizer allows), otherwise one token per word is assumed.
 */
public final class SyntheticPrompts {

    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or "
            + "his from at which but have an they you were her she there one all we their can has been if more when "
            + "will would who so no out up into do time only could new them man some these then two first may any "
            + "like now my such make over our even most me state after also made many did must before back see "
            + "through way where get much go well your know should down work year because come people just say "
            + "each those take day good how long own too little use us very great still men here life both between "
            + "energy power token model measure watt joule server request batch cache memory latency").split(" ");

    private SyntheticPrompts() {
    }

    /**
     * @param count        number of prompts
     * @param targetTokens tokens per prompt
     * @param seed         same seed, same prompts
     * @param counter      the engine's tokenizer, or null to assume one token per word
     */
    public static List<String> generate(int count, int targetTokens, long seed, TokenCounter counter) throws IOException {
        int[] targets = new int[count];
        Arrays.fill(targets, targetTokens);
        return generate(targets, new SplittableRandom(seed), counter);
    }

    /** One prompt per target length, words drawn from {@code random} in order (same stream, same prompts). */
    public static List<String> generate(int[] targetTokens, SplittableRandom random, TokenCounter counter)
            throws IOException {
        List<String> prompts = new ArrayList<>(targetTokens.length);
        for (int target : targetTokens) {
            List<String> words = new ArrayList<>(target * 2 + 8);
            for (int w = 0; w < target * 2 + 8; w++) {
                words.add(WORDS[random.nextInt(WORDS.length)]);
            }
            prompts.add(counter == null ? String.join(" ", words.subList(0, target)) : fit(words, target, counter));
        }
        return prompts;
    }

    /**
     * Binary search on the word count (token counts grow with words, so the longest fitting prefix wins), then the
     * next word's characters one by one: with sub-word vocabularies a whole word can overshoot by several tokens.
     */
    private static String fit(List<String> words, int targetTokens, TokenCounter counter) throws IOException {
        int lo = 1;
        int hi = words.size();
        int bestWords = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int tokens = counter.count(String.join(" ", words.subList(0, mid)));
            if (tokens == targetTokens) {
                return String.join(" ", words.subList(0, mid));
            }
            if (tokens < targetTokens) {
                bestWords = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        String base = String.join(" ", words.subList(0, bestWords));
        String best = base;
        String next = (bestWords == 0 ? "" : " ") + words.get(Math.min(bestWords, words.size() - 1));
        for (int chars = 1; chars <= next.length(); chars++) {
            String text = base + next.substring(0, chars);
            int tokens = counter.count(text);
            if (tokens > targetTokens) {
                break;
            }
            if (!text.isBlank()) {
                best = text;
            }
            if (tokens == targetTokens) {
                break;
            }
        }
        return best.isEmpty() ? words.getFirst() : best;
    }
}
