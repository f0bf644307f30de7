package io.lem.result;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of doubles held in one {@code double[]}: a request's chunk times, read back by the thousand,
 * without a boxed {@link Double} per chunk (8 bytes a value instead of about 20). Equal to any list of the same
 * values, as {@link List#equals} asks; nulls cannot be held.
 */
public final class DoubleList extends AbstractList<Double> implements RandomAccess {

    private static final DoubleList EMPTY = new DoubleList(new double[0]);

    private final double[] values;

    private DoubleList(double[] values) {
        this.values = values;
    }

    /** An immutable list of the first {@code length} values of the array, copied. */
    public static List<Double> copyOf(double[] values, int length) {
        return length == 0 ? EMPTY : new DoubleList(Arrays.copyOf(values, length));
    }

    /** An immutable copy; like {@link List#copyOf}, it rejects a null list or element with a NullPointerException. */
    public static List<Double> copyOf(List<Double> list) {
        if (list instanceof DoubleList same) {
            return same;
        }
        double[] values = new double[list.size()];
        int i = 0;
        for (Double v : list) {
            values[i++] = v;
        }
        return copyOf(values, i);
    }

    /** The lists one after the other, in one array (no value boxed on the way). */
    public static List<Double> concat(List<? extends List<Double>> lists) {
        int size = 0;
        for (List<Double> list : lists) {
            size += list.size();
        }
        double[] values = new double[size];
        int at = 0;
        for (List<Double> list : lists) {
            if (list instanceof DoubleList d) {
                System.arraycopy(d.values, 0, values, at, d.values.length);
                at += d.values.length;
            } else {
                for (Double v : list) {
                    values[at++] = v;
                }
            }
        }
        return copyOf(values, at);
    }

    /** A new primitive array of the list's values: a plain copy for a DoubleList, unboxed for any other list. */
    public static double[] toArray(List<Double> list) {
        if (list instanceof DoubleList d) {
            return d.values.clone();
        }
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public Double get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }
}
