package io.lem.load.prompts;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** How a dataset's prompts are drawn when a run needs {@code count} of them. */
public enum Sampling {
    /** File order, starting over at the end. */
    IN_ORDER,
    /** Shuffled, no prompt repeats until all were used; then a fresh shuffle (vLLM's default for datasets). */
    WITHOUT_REPLACEMENT,
    /** Independent uniform draws. */
    WITH_REPLACEMENT;

    public List<Prompt> draw(List<Prompt> pool, int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Prompt> out = new ArrayList<>(count);
        int[] order = new int[pool.size()];
        for (int i = 0; i < count; i++) {
            int slot = i % pool.size();
            switch (this) {
                case IN_ORDER -> out.add(pool.get(slot));
                case WITH_REPLACEMENT -> out.add(pool.get(random.nextInt(pool.size())));
                case WITHOUT_REPLACEMENT -> {
                    if (slot == 0) {
                        shuffle(order, random);
                    }
                    out.add(pool.get(order[slot]));
                }
            }
        }
        return out;
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
