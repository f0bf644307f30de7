package io.lem.plan;

/**
 * Williams designs: Latin squares balanced for first-order carry-over, so that across the rows every treatment
 * is immediately followed by every other treatment equally often (E. J. Williams, "Experimental designs balanced
 * for the estimation of residual effects of treatments", Australian Journal of Scientific Research A 2, 1949,
 * 149-168). Row 0 is 0, 1, n-1, 2, n-2, ...; row i adds i to every entry (mod n). For even n these n rows are
 * balanced (each ordered pair adjacent once); for odd n no single square is, and the design is the two squares
 * together: the n rows and their mirror images, 2n rows in which each ordered pair is adjacent twice.
 */
public final class WilliamsDesign {

    private WilliamsDesign() {
    }

    /** The rows, each a permutation of 0..n-1: n rows for even n, 2n for odd n. */
    public static int[][] rows(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a design needs at least one treatment, got " + n);
        }
        boolean odd = n % 2 == 1 && n > 1;
        int[][] rows = new int[odd ? 2 * n : n][];
        for (int i = 0; i < n; i++) {
            int[] row = new int[n];
            for (int j = 0; j < n; j++) {
                int offset = j == 0 ? 0 : j % 2 == 1 ? (j + 1) / 2 : n - j / 2;
                row[j] = (i + offset) % n;
            }
            rows[i] = row;
            if (odd) {
                int[] mirror = new int[n];
                for (int j = 0; j < n; j++) {
                    mirror[j] = row[n - 1 - j];
                }
                rows[n + i] = mirror;
            }
        }
        return rows;
    }
}
