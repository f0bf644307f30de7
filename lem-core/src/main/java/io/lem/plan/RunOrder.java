package io.lem.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Lays (point, cycle) runs out in time for each {@link Order}. Pure: the same arguments give the same runs.
 * Where pauses fall follows LLenergyMeasure's {@code cycle_boundary_indices}: the longer {@code cycle_gap_s} comes
 * between passes over the points, or, in sequential order, between one point's block of cycles and the next.
 */
public final class RunOrder {

    /** An odd constant unrelated to SplittableRandom's own increment, so cycles get disjoint streams. */
    private static final long CYCLE_STRIDE = 0x632BE59BD9B4E019L;

    private RunOrder() {
    }

    /** All runs of cycles 1..{@code cycles} over points 1..{@code points}. */
    public static List<Run> runs(int points, int cycles, ExecutionSettings settings, long seed) {
        List<int[]> pairs = new ArrayList<>();
        if (settings.order() == Order.SEQUENTIAL) {
            for (int p = 1; p <= points; p++) {
                for (int c = 1; c <= cycles; c++) {
                    pairs.add(new int[] {p, c});
                }
            }
        } else {
            for (int c = 1; c <= cycles; c++) {
                for (int p : cycleOrder(points, c, settings.order(), seed)) {
                    pairs.add(new int[] {p, c});
                }
            }
        }
        List<Run> runs = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            int[] pair = pairs.get(i);
            boolean boundary = i > 0 && (settings.order() == Order.SEQUENTIAL && points > 1
                    ? pairs.get(i - 1)[0] != pair[0] : pairs.get(i - 1)[1] != pair[1]);
            runs.add(new Run(pair[0], pair[1], i == 0 ? 0 : boundary ? settings.cycleGapS() : settings.gapS()));
        }
        return List.copyOf(runs);
    }

    /**
     * One more cycle for some of the points (an adaptive round): those points in the order that cycle has over
     * all points, the first run after a cycle gap. Sequential order runs them in point order.
     */
    public static List<Run> extraCycle(int points, int cycle, Collection<Integer> which, ExecutionSettings settings,
                                       long seed) {
        Order order = settings.order() == Order.SEQUENTIAL ? Order.INTERLEAVE : settings.order();
        List<Run> runs = new ArrayList<>();
        for (int p : cycleOrder(points, cycle, order, seed)) {
            if (which.contains(p)) {
                runs.add(new Run(p, cycle, runs.isEmpty() ? settings.cycleGapS() : settings.gapS()));
            }
        }
        return List.copyOf(runs);
    }

    /** The order of points 1..n within cycle {@code cycle} (from 1) for the per-cycle orders. */
    public static List<Integer> cycleOrder(int points, int cycle, Order order, long seed) {
        List<Integer> forward = IntStream.rangeClosed(1, points).boxed().toList();
        return switch (order) {
            case SEQUENTIAL, INTERLEAVE -> forward;
            case REVERSE -> cycle % 2 == 1 ? forward : forward.reversed();
            case SHUFFLE -> shuffled(points, new SplittableRandom(seed + cycle * CYCLE_STRIDE));
            case LATIN_SQUARE -> {
                int[][] rows = WilliamsDesign.rows(points);
                yield IntStream.of(rows[(cycle - 1) % rows.length]).map(i -> i + 1).boxed().toList();
            }
        };
    }

    /** The rows of the Williams design, i.e. the cycles after which a latin-square order is balanced. */
    public static int latinSquarePeriod(int points) {
        return WilliamsDesign.rows(points).length;
    }

    /** Fisher-Yates (Knuth, TAOCP vol. 2, algorithm P). */
    private static List<Integer> shuffled(int n, SplittableRandom random) {
        int[] a = IntStream.rangeClosed(1, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return IntStream.of(a).boxed().toList();
    }
}
