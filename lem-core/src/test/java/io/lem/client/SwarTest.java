package io.lem.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The word-wide searches find what a byte-by-byte loop finds, on seeded random bytes drawn mostly from the bytes
 * that matter (newline, quote, backslash, control characters, UTF-8 lead and continuation bytes) at every offset
 * and length, so a match in any lane, a borrow from a lower lane and the tail shorter than a word are all covered.
 */
class SwarTest {

    private static final byte[] ALPHABET = {'\n', '"', '\\', 0x00, 0x1F, 0x20, 0x21, 0x0A - 1, 0x0A + 1, '!', '#',
            '[', ']', 'a', (byte) 0x80, (byte) 0xC3, (byte) 0xA9, (byte) 0xFF, 0x7F, 0x01};

    private static int newlineByBytes(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean special(byte c) {
        return c == '"' || c == '\\' || c >= 0 && c < 0x20;
    }

    @Test
    void searchesAgreeWithAByteLoop() {
        SplittableRandom random = new SplittableRandom(20261201);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            int sparse = random.nextInt(1, 30);
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(sparse) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)]
                        : (byte) ('a' + random.nextInt(26));
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            assertThat(Swar.newline(b, from, to)).isEqualTo(newlineByBytes(b, from, to));
            int run = Swar.stringRun(b, from, to);
            assertThat(run).isBetween(from, to);
            for (int i = from; i < run; i++) {
                assertThat(special(b[i])).as("skipped a special byte at %d", i).isFalse();
            }
            boolean stoppedOnSpecial = run < to && special(b[run]);
            assertThat(stoppedOnSpecial || to - run < Long.BYTES).as("stopped early at %d", run).isTrue();
        }
    }

    @Test
    void decimalsAreWrittenAsLongToStringWritesThem() {
        SplittableRandom random = new SplittableRandom(7);
        long[] edges = {0, 9, 10, -1, -10, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, 7_239_113_077_194_211_571L};
        for (int i = 0; i < 10_000; i++) {
            long v = i < edges.length ? edges[i] : random.nextLong() >> random.nextInt(64);
            byte[] out = new byte[24];
            int end = Ascii.putDecimal(out, 2, v);
            assertThat(end - 2).isEqualTo(Ascii.decimalLength(v));
            assertThat(new String(out, 2, end - 2, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(Long.toString(v));
        }
    }
}
