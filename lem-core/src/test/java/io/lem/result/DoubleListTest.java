package io.lem.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class DoubleListTest {

    @Test
    void isAnImmutableListEqualToAnyListOfTheSameValues() {
        List<Double> d = DoubleList.copyOf(new double[] {1.5, -0.0, 3, 99}, 3);
        assertThat(d).isEqualTo(List.of(1.5, -0.0, 3.0)).hasSameHashCodeAs(List.of(1.5, -0.0, 3.0));
        assertThat(List.of(1.5, -0.0, 3.0)).isEqualTo(d);
        assertThat(d).isNotEqualTo(List.of(1.5, 0.0, 3.0)); // as Double.equals: -0.0 is not 0.0
        assertThatThrownBy(() -> d.add(4.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.set(0, 4.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void copiesAreCopiesAndNullsAreRejectedAsListCopyOfRejectsThem() {
        double[] source = {1, 2};
        List<Double> d = DoubleList.copyOf(source, 2);
        source[0] = 7;
        assertThat(d).containsExactly(1.0, 2.0);
        DoubleList.toArray(d)[1] = 7;
        assertThat(d).containsExactly(1.0, 2.0);
        assertThat(DoubleList.copyOf(d)).isSameAs(d);

        List<Double> withNull = new ArrayList<>(Arrays.asList(1.0, null));
        assertThatThrownBy(() -> DoubleList.copyOf(withNull)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DoubleList.copyOf((List<Double>) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void concatKeepsOrderAcrossDoubleListsAndOtherLists() {
        List<Double> all = DoubleList.concat(List.of(DoubleList.copyOf(new double[] {1, 2}, 2), List.of(),
                new ArrayList<>(List.of(3.0, 4.0)), DoubleList.copyOf(new double[] {5}, 1)));
        assertThat(all).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(DoubleList.toArray(all)).containsExactly(1, 2, 3, 4, 5);
        assertThat(DoubleList.toArray(List.of(6.0))).containsExactly(6);
        assertThat(DoubleList.concat(List.of())).isEmpty();
    }
}
