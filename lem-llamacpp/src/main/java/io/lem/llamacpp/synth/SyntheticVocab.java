package io.lem.llamacpp.synth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A byte-fallback SentencePiece vocabulary: control tokens, the 256 byte tokens, ChatML markers, then
 * deterministic English-ish pieces. Any text tokenizes (unknown characters fall back to bytes).
 */
record SyntheticVocab(List<String> tokens, float[] scores, int[] tokenTypes) {

    static final int UNK_ID = 0;
    static final int BOS_ID = 1;
    static final int EOS_ID = 2;
    static final int FIRST_BYTE_ID = 3;
    static final String IM_START = "<|im_start|>";
    static final String IM_END = "<|im_end|>";
    /** Ids below this are control or byte tokens: generating them would merge or hide output chunks. */
    static final int FIRST_PIECE_ID = FIRST_BYTE_ID + 256 + 2;

    /** llama.cpp token types. */
    static final int NORMAL = 1;
    static final int UNKNOWN = 2;
    static final int CONTROL = 3;
    static final int BYTE = 6;

    /** ChatML, which llama.cpp recognises by its {@code <|im_start|>} marker. */
    static final String CHAT_TEMPLATE = "{% for message in messages %}"
            + "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
            + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private static final String SPACE = "\u2581";
    private static final String[] WORDS = {
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on", "not",
        "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "had", "they", "you",
        "were", "their", "one", "all", "we", "can", "her", "has", "there", "been", "if", "more", "when", "will",
        "would", "who", "so", "no", "energy", "model", "token", "power", "time", "data", "watt", "joule",
    };
    private static final String CONSONANTS = "bcdfghjklmnprstvwxyz";
    private static final String VOWELS = "aeiou";
    private static final String SINGLES = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?'\"-()";

    static SyntheticVocab build(int size) {
        if (size < FIRST_PIECE_ID + SINGLES.length()) {
            throw new IllegalArgumentException("vocabulary of " + size + " is too small (need at least "
                    + (FIRST_PIECE_ID + SINGLES.length()) + ")");
        }
        List<String> tokens = new ArrayList<>(size);
        List<Integer> types = new ArrayList<>(size);
        tokens.add("<unk>");
        types.add(UNKNOWN);
        tokens.add("<s>");
        types.add(CONTROL);
        tokens.add("</s>");
        types.add(CONTROL);
        HexFormat hex = HexFormat.of().withUpperCase();
        for (int b = 0; b < 256; b++) {
            tokens.add("<0x" + hex.toHexDigits((byte) b) + ">");
            types.add(BYTE);
        }
        tokens.add(IM_START);
        types.add(CONTROL);
        tokens.add(IM_END);
        types.add(CONTROL);
        pieces(size - tokens.size(), tokens);
        while (types.size() < tokens.size()) {
            types.add(NORMAL);
        }
        float[] scores = new float[size];
        int[] tokenTypes = new int[size];
        for (int i = 0; i < size; i++) {
            tokenTypes[i] = types.get(i);
            // SentencePiece merges by score: earlier (more common) pieces win.
            scores[i] = tokenTypes[i] == NORMAL ? -(i - FIRST_PIECE_ID) : 0f;
        }
        return new SyntheticVocab(List.copyOf(tokens), scores, tokenTypes);
    }

    /** Appends {@code count} distinct pieces: single characters, words, then ever longer syllable strings. */
    private static void pieces(int count, List<String> out) {
        int target = out.size() + count;
        for (int i = 0; i < SINGLES.length() && out.size() < target; i++) {
            out.add(String.valueOf(SINGLES.charAt(i)));
        }
        out.add(SPACE);
        for (int i = 0; i < WORDS.length && out.size() < target; i++) {
            out.add(SPACE + WORDS[i]);
            if (out.size() < target) {
                out.add(WORDS[i]);
            }
        }
        Set<String> seen = new HashSet<>(out);
        int syllableCount = CONSONANTS.length() * VOWELS.length();
        for (int length = 1; out.size() < target; length++) {
            long combinations = (long) Math.pow(syllableCount, length);
            for (long n = 0; n < combinations && out.size() < target; n++) {
                String word = syllables(n, length, syllableCount);
                for (String piece : new String[] {SPACE + word, word}) {
                    if (out.size() < target && seen.add(piece)) {
                        out.add(piece);
                    }
                }
            }
        }
        while (out.size() > target) {
            out.removeLast();
        }
    }

    private static String syllables(long n, int length, int syllableCount) {
        StringBuilder sb = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++) {
            int s = (int) (n % syllableCount);
            n /= syllableCount;
            sb.append(CONSONANTS.charAt(s / VOWELS.length())).append(VOWELS.charAt(s % VOWELS.length()));
        }
        return sb.toString();
    }
}
