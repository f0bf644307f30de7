package io.lem.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunOrderTest {

    private static ExecutionSettings settings(Order order, double gapS, double cycleGapS) {
        return new ExecutionSettings(new Repetitions.Fixed(1), order, null, gapS, cycleGapS);
    }

    /** "point.cycle" of each run, for comparing with written-out orders. */
    private static List<String> pairs(List<Run> runs) {
        return runs.stream().map(r -> r.point() + "." + r.cycle()).toList();
    }

    @Test
    void sequentialRunsAllCyclesOfAPointTogether() {
        assertThat(pairs(RunOrder.runs(3, 2, settings(Order.SEQUENTIAL, 0, 0), 1)))
                .containsExactly("1.1", "1.2", "2.1", "2.2", "3.1", "3.2");
    }

    @Test
    void interleaveRunsEachCycleOverAllPoints() {
        assertThat(pairs(RunOrder.runs(3, 2, settings(Order.INTERLEAVE, 0, 0), 1)))
                .containsExactly("1.1", "2.1", "3.1", "1.2", "2.2", "3.2");
    }

    @Test
    void reverseRunsEverySecondCycleBackwards() {
        assertThat(pairs(RunOrder.runs(3, 3, settings(Order.REVERSE, 0, 0), 1)))
                .containsExactly("1.1", "2.1", "3.1", "3.2", "2.2", "1.2", "1.3", "2.3", "3.3");
    }

    @Test
    void cycleGapsFallBetweenPassesOrBetweenSequentialBlocks() {
        assertThat(RunOrder.runs(2, 2, settings(Order.INTERLEAVE, 5, 60), 1)).extracting(Run::pauseBeforeS)
                .containsExactly(0.0, 5.0, 60.0, 5.0);
        assertThat(RunOrder.runs(2, 2, settings(Order.SEQUENTIAL, 5, 60), 1)).extracting(Run::pauseBeforeS)
                .containsExactly(0.0, 5.0, 60.0, 5.0);
        assertThat(RunOrder.runs(1, 3, settings(Order.SEQUENTIAL, 5, 60), 1)).extracting(Run::pauseBeforeS)
                .containsExactly(0.0, 60.0, 60.0);
    }

    @RepeatedTest(20)
    void shuffleIsAFreshSeededPermutationEachCycle(RepetitionInfo repetition) {
        long seed = new SplittableRandom(9_000 + repetition.getCurrentRepetition()).nextLong();
        ExecutionSettings shuffle = settings(Order.SHUFFLE, 0, 0);
        List<Run> runs = RunOrder.runs(7, 4, shuffle, seed);
        assertThat(RunOrder.runs(7, 4, shuffle, seed)).isEqualTo(runs);
        Set<List<Integer>> orders = new HashSet<>();
        for (int cycle = 1; cycle <= 4; cycle++) {
            int c = cycle;
            List<Integer> order = runs.stream().filter(r -> r.cycle() == c).map(Run::point).toList();
            assertThat(order).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
            orders.add(order);
        }
        // four permutations of 7 points (5,040 possible) are all the same only with a broken generator
        assertThat(orders).hasSizeGreaterThan(1);
        // a cycle's order does not depend on how many cycles were asked for (adaptive rounds extend the plan)
        assertThat(RunOrder.runs(7, 2, shuffle, seed)).isEqualTo(runs.subList(0, 14));
    }

    @Test
    void differentSeedsGiveDifferentShuffles() {
        Set<List<Integer>> orders = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            orders.add(RunOrder.cycleOrder(8, 1, Order.SHUFFLE, seed));
        }
        assertThat(orders).hasSizeGreaterThan(15);
    }

    @Test
    void everyOrderIsUniformAcrossShufflesOfThreePoints() {
        int[] counts = new int[6];
        List<List<Integer>> all = List.of(List.of(1, 2, 3), List.of(1, 3, 2), List.of(2, 1, 3), List.of(2, 3, 1),
                List.of(3, 1, 2), List.of(3, 2, 1));
        for (long seed = 0; seed < 6_000; seed++) {
            counts[all.indexOf(RunOrder.cycleOrder(3, 1, Order.SHUFFLE, seed))]++;
        }
        // expected 1,000 each; 5 standard deviations of a binomial(6000, 1/6) is about 144
        assertThat(IntStream.of(counts).boxed().toList()).allSatisfy(c -> assertThat(c).isBetween(856, 1_144));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8, 9})
    void latinSquareCyclesFollowTheWilliamsRows(int points) {
        int period = RunOrder.latinSquarePeriod(points);
        assertThat(period).isEqualTo(points % 2 == 0 ? points : 2 * points);
        List<Run> runs = RunOrder.runs(points, period, settings(Order.LATIN_SQUARE, 0, 0), 1);
        List<List<Integer>> rows = new ArrayList<>();
        for (int cycle = 1; cycle <= period; cycle++) {
            int c = cycle;
            rows.add(runs.stream().filter(r -> r.cycle() == c).map(Run::point).toList());
        }
        int[][] follows = new int[points + 1][points + 1];
        for (List<Integer> row : rows) {
            assertThat(row).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, points).boxed().toList());
            for (int j = 1; j < row.size(); j++) {
                follows[row.get(j - 1)][row.get(j)]++;
            }
        }
        int expected = points % 2 == 0 ? 1 : 2;
        for (int a = 1; a <= points; a++) {
            for (int b = 1; b <= points; b++) {
                assertThat(follows[a][b]).as("%d followed by %d", a, b).isEqualTo(a == b ? 0 : expected);
            }
        }
        for (int position = 0; position < points; position++) {
            int p = position;
            assertThat(rows.stream().map(r -> r.get(p)).distinct().count()).as("position %d", p).isEqualTo(points);
        }
    }

    @Test
    void theWilliamsSquareOfFourIsTheTextbookOne() {
        // Williams (1949): ABDC, BCAD, CDBA, DACB, the usual 4x4 carry-over balanced design
        assertThat(WilliamsDesign.rows(4)).isDeepEqualTo(new int[][] {
                {0, 1, 3, 2}, {1, 2, 0, 3}, {2, 3, 1, 0}, {3, 0, 2, 1}});
        assertThat(WilliamsDesign.rows(1)).isDeepEqualTo(new int[][] {{0}});
    }

    @Test
    void anExtraCycleRunsTheChosenPointsInThatCyclesOrder() {
        ExecutionSettings reverse = settings(Order.REVERSE, 5, 60);
        assertThat(RunOrder.extraCycle(4, 4, List.of(1, 3, 4), reverse, 1))
                .containsExactly(new Run(4, 4, 60), new Run(3, 4, 5), new Run(1, 4, 5));
        ExecutionSettings shuffle = settings(Order.SHUFFLE, 0, 0);
        List<Integer> full = RunOrder.cycleOrder(6, 5, Order.SHUFFLE, 42);
        assertThat(RunOrder.extraCycle(6, 5, List.of(2, 5), shuffle, 42)).extracting(Run::point)
                .containsExactlyElementsOf(full.stream().filter(p -> p == 2 || p == 5).toList());
    }
}
