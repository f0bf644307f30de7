package io.lem.verify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * study.json's per-point summaries against the cycles' own result.json files, with code of its own (it shares
 * nothing with {@code io.lem.analysis.stats}): each per-cycle value against its cycle's figure, the mean of those,
 * and the interval redone by the method study.json names: Student's t from its closed form, the bootstrap
 * (percentile or BCa) redrawn from the recorded seed by the documented stream (for b, for i: {@code nextInt(n)}),
 * quantiles interpolated at rank (B − 1)·p. The rule that picks the method (t below 10 values, BCa from 10, none
 * below 2) is checked too.
 */
final class StudyChecks {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);
    private static final int BCA_MIN_N = 10;
    /** The two carbon metrics come from result.json's carbon section, the others from its metrics. */
    private static final List<String> CARBON = List.of("co2_g_per_1k_output_tokens", "co2_g_per_request");

    private StudyChecks() {
    }

    static List<Check> checks(Path studyDir, JsonNode study) {
        List<Check> checks = new ArrayList<>();
        for (JsonNode point : study.path("points").values()) {
            String where = "points[" + point.path("index").asInt() + "].metrics.";
            Path dir = studyDir.resolve(point.path("dir").asString(""));
            int cycles = point.path("cycles").size();
            List<JsonNode> results = new ArrayList<>();
            for (int k = 1; k <= cycles; k++) {
                Path file = Fields.runDir(dir, k, cycles).resolve(Fields.RESULT_FILE);
                results.add(Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null);
            }
            for (Map.Entry<String, JsonNode> metric : point.path("metrics").properties()) {
                checks.addAll(metric(where + metric.getKey(), metric.getKey(), metric.getValue(), results));
            }
        }
        return checks;
    }

    private static List<Check> metric(String figure, String name, JsonNode summary, List<JsonNode> results) {
        List<Check> checks = new ArrayList<>();
        String perCycleKey = key(summary, "per_cycle_");
        JsonNode perCycle = summary.path(perCycleKey);
        List<Double> values = new ArrayList<>();
        for (int k = 0; k < results.size(); k++) {
            JsonNode result = results.get(k);
            JsonNode source = result == null ? null
                    : CARBON.contains(name) ? result.path("carbon").path(name) : result.path("metrics").path(name);
            Double value = source == null || !source.isNumber() ? null : source.asDouble();
            checks.add(Check.of(figure + "." + perCycleKey + "[" + k + "]", number(perCycle.get(k)),
                    value == null ? Recomputed.none("cycle " + (k + 1) + " has no " + name) : Recomputed.of(value),
                    Tolerances.DEFAULT));
            if (value != null && Double.isFinite(value)) {
                values.add(value);
            }
        }
        double[] x = values.stream().mapToDouble(Double::doubleValue).toArray();
        int n = x.length;
        String meanKey = key(summary, "mean_");
        checks.add(Check.of(figure + "." + meanKey, number(summary.get(meanKey)),
                n == 0 ? Recomputed.none("no cycle has a value") : Recomputed.of(mean(x)), Tolerances.DEFAULT));
        JsonNode ci = summary.path("ci");
        String method = ci.path("method").asString("");
        String expected = n < 2 ? "none" : n < BCA_MIN_N ? "student_t" : "bca";
        boolean methodOk = method.equals(expected) || (expected.equals("bca") && method.equals("percentile")
                && ci.hasNonNull("note"));
        if (!methodOk) {
            checks.add(new Check(figure + ".ci.method", null, null, null, 0, false, "study.json names '" + method
                    + "' for " + n + " values; the rule gives '" + expected + "'"));
            return checks;
        }
        if (n < 2) {
            return checks;
        }
        double level = ci.path("level").asDouble();
        double[] bounds = switch (method) {
            case "student_t" -> studentT(x, level);
            case "percentile" -> percentile(x, ci.path("resamples").asInt(), ci.path("seed").asLong(), level);
            default -> bca(x, ci.path("resamples").asInt(), ci.path("seed").asLong(), level);
        };
        String lowerKey = key(ci, "lower_");
        String upperKey = key(ci, "upper_");
        checks.add(Check.of(figure + ".ci." + lowerKey, number(ci.get(lowerKey)), Recomputed.of(bounds[0], method),
                Tolerances.DEFAULT));
        checks.add(Check.of(figure + ".ci." + upperKey, number(ci.get(upperKey)), Recomputed.of(bounds[1], method),
                Tolerances.DEFAULT));
        return checks;
    }

    private static double[] studentT(double[] x, double level) {
        int n = x.length;
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        double half = new TDistribution(n - 1).inverseCumulativeProbability((1 + level) / 2) * Math.sqrt(ss / (n - 1))
                / Math.sqrt(n);
        return new double[] {m - half, m + half};
    }

    private static double[] percentile(double[] x, int resamples, long seed, double level) {
        double[] means = resampleMeans(x, resamples, seed);
        return new double[] {quantile(means, (1 - level) / 2), quantile(means, (1 + level) / 2)};
    }

    /** Efron and Tibshirani 1993, eq. 14.10–14.15: z0 from the share below the estimate (ties half), a from the jackknife. */
    private static double[] bca(double[] x, int resamples, long seed, double level) {
        double[] means = resampleMeans(x, resamples, seed);
        double estimate = mean(x);
        double below = 0;
        for (double m : means) {
            below += m < estimate ? 1 : m == estimate ? 0.5 : 0;
        }
        double z0 = NORMAL.inverseCumulativeProbability(below / means.length);
        int n = x.length;
        double sum = Arrays.stream(x).sum();
        double[] jack = new double[n];
        for (int i = 0; i < n; i++) {
            jack[i] = (sum - x[i]) / (n - 1);
        }
        double jackMean = mean(jack);
        double num = 0;
        double den = 0;
        for (double j : jack) {
            num += Math.pow(jackMean - j, 3);
            den += Math.pow(jackMean - j, 2);
        }
        double a = den == 0 ? 0 : num / (6 * Math.pow(den, 1.5));
        double zLow = z0 + NORMAL.inverseCumulativeProbability((1 - level) / 2);
        double zHigh = z0 + NORMAL.inverseCumulativeProbability((1 + level) / 2);
        return new double[] {quantile(means, NORMAL.cumulativeProbability(z0 + zLow / (1 - a * zLow))),
            quantile(means, NORMAL.cumulativeProbability(z0 + zHigh / (1 - a * zHigh)))};
    }

    private static double[] resampleMeans(double[] x, int resamples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += x[random.nextInt(x.length)];
            }
            means[b] = s / x.length;
        }
        Arrays.sort(means);
        return means;
    }

    private static double quantile(double[] sorted, double p) {
        double rank = (sorted.length - 1) * p;
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** The one field of {@code node} whose name starts with {@code prefix} (the unit follows it). */
    private static String key(JsonNode node, String prefix) {
        for (String name : node.propertyNames()) {
            if (name.startsWith(prefix)) {
                return name;
            }
        }
        return prefix;
    }

    private static Double number(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.asDouble();
    }
}
