package io.lem.analysis.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Ordinary least squares y ≈ Xβ by a QR decomposition (modified Gram–Schmidt, each column orthogonalised twice,
 * which keeps it accurate to rounding for the few well-scaled columns lem fits), never by inverting XᵀX:
 * β = R⁻¹Qᵀy, Cov(β) = σ²·R⁻¹R⁻ᵀ with σ² = RSS / (n − p). The inference energy protocol fits E_active ≈ α·T_prefill + β·T_gen this
 * way ({@link PhaseSplit}).
 */
public final class Ols {

    public static final String INTERCEPT = "intercept";
    /** A column whose part orthogonal to the earlier ones is this small, relative to its norm, adds nothing. */
    private static final double DEPENDENT = 1e-10;

    private Ols() {
    }

    /**
     * @param columns   the regressors' names, one per column of {@code rows}
     * @param rows      one row per observation
     * @param intercept whether to add a constant column, named {@value #INTERCEPT}, first
     * @throws SingularDesignException when a column is a linear combination of others, or rows are too few
     */
    public static OlsFit fit(List<String> columns, double[][] rows, double[] y, boolean intercept) {
        int n = y.length;
        List<String> names = new ArrayList<>();
        if (intercept) {
            names.add(INTERCEPT);
        }
        names.addAll(columns);
        int p = names.size();
        if (rows.length != n) {
            throw new IllegalArgumentException(rows.length + " rows for " + n + " responses");
        }
        double[][] x = new double[p][n];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != columns.size()) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values for "
                        + columns.size() + " columns " + columns);
            }
            int c = 0;
            if (intercept) {
                x[c++][i] = 1;
            }
            for (double v : rows[i]) {
                x[c++][i] = v;
            }
        }
        if (n < p) {
            throw new SingularDesignException(n + " observation(s) cannot determine " + p + " coefficients "
                    + names + ": add observations", names);
        }
        double[] norms = new double[p];
        double[][] q = new double[p][];
        double[][] r = new double[p][p];
        for (int j = 0; j < p; j++) {
            double[] v = x[j].clone();
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = dot(q[k], v);
                    r[k][j] += dot;
                    axpy(-dot, q[k], v);
                }
            }
            double norm = Math.sqrt(dot(v, v));
            norms[j] = Math.sqrt(dot(x[j], x[j]));
            if (norms[j] == 0 || norm <= DEPENDENT * norms[j]) {
                throw dependent(names, j, r, norms);
            }
            r[j][j] = norm;
            for (int i = 0; i < n; i++) {
                v[i] /= norm;
            }
            q[j] = v;
        }
        double[] qty = new double[p];
        for (int j = 0; j < p; j++) {
            qty[j] = dot(q[j], y);
        }
        double[] beta = backSubstitute(r, qty, p);
        double rss = 0;
        double yMean = Bootstrap.mean(y);
        double tss = 0;
        for (int i = 0; i < n; i++) {
            double fitted = 0;
            for (int j = 0; j < p; j++) {
                fitted += x[j][i] * beta[j];
            }
            rss += (y[i] - fitted) * (y[i] - fitted);
            double centre = intercept ? yMean : 0;
            tss += (y[i] - centre) * (y[i] - centre);
        }
        int df = n - p;
        double sigma2 = df > 0 ? rss / df : Double.NaN;
        double[][] rInv = invertUpper(r, p);
        TDistribution t = df > 0 ? new TDistribution(df) : null;
        List<OlsFit.Coefficient> coefficients = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double var = 0;
            for (int k = j; k < p; k++) {
                var += rInv[j][k] * rInv[j][k];
            }
            double se = Math.sqrt(sigma2 * var);
            double tj = beta[j] / se;
            double pj = t == null || Double.isNaN(tj) ? Double.NaN : 2 * t.cumulativeProbability(-Math.abs(tj));
            coefficients.add(new OlsFit.Coefficient(names.get(j), beta[j], se, tj, pj));
        }
        double r2 = tss > 0 ? 1 - rss / tss : Double.NaN;
        double adjusted = df > 0 ? 1 - (1 - r2) * (n - (intercept ? 1 : 0)) / df : Double.NaN;
        return new OlsFit(coefficients, intercept, n, df, rss, r2, adjusted, Math.sqrt(sigma2));
    }

    /** Column j lies in the span of the earlier ones: x_j = Σ c_k·x_k with R[0..j) c = R[0..j, j]. */
    private static SingularDesignException dependent(List<String> names, int j, double[][] r, double[] norms) {
        if (norms[j] == 0) {
            return new SingularDesignException("column '" + names.get(j) + "' is all zero: it cannot be fitted; "
                    + "drop it or vary it", List.of(names.get(j)));
        }
        double[] rhs = new double[j];
        for (int k = 0; k < j; k++) {
            rhs[k] = r[k][j];
        }
        double[] c = backSubstitute(r, rhs, j);
        List<String> involved = new ArrayList<>(List.of(names.get(j)));
        StringBuilder combination = new StringBuilder();
        for (int k = 0; k < j; k++) {
            if (Math.abs(c[k]) * norms[k] > 1e-9 * norms[j]) {
                involved.add(names.get(k));
                combination.append(combination.isEmpty() ? "" : " + ")
                        .append(String.format(Locale.ROOT, "%.6g·%s", c[k], names.get(k)));
            }
        }
        return new SingularDesignException("singular design: column '" + names.get(j) + "' = " + combination
                + " in every observation, so " + involved + " cannot be told apart; fix: vary them "
                + "independently (e.g. prompt and output lengths in separate sweep axes)", involved);
    }

    private static double[] backSubstitute(double[][] r, double[] b, int p) {
        double[] out = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < p; k++) {
                s -= r[i][k] * out[k];
            }
            out[i] = s / r[i][i];
        }
        return out;
    }

    private static double[][] invertUpper(double[][] r, int p) {
        double[][] inv = new double[p][p];
        for (int col = 0; col < p; col++) {
            double[] e = new double[p];
            e[col] = 1;
            double[] solved = backSubstitute(r, e, p);
            for (int row = 0; row < p; row++) {
                inv[row][col] = solved[row];
            }
        }
        return inv;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
