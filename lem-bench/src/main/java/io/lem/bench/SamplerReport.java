package io.lem.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the JSON that JMH wrote for {@link SamplerBenchmark} and {@link RecordBenchmark} ({@code -rf json}) into a
 * table of µs per sample and percent of one core at 10 Hz and 100 Hz. A recorded row's cost depends on the rate
 * (flushes), so {@code recordRow} counts only at its own {@code rateHz}; the last lines add it to the all-meters read.
 *
 * <p>Usage: {@code SamplerReport RESULT.json}
 */
public final class SamplerReport {

    private static final double[] RATES_HZ = {10, 100};

    private SamplerReport() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: SamplerReport JMH_RESULT.json");
            System.exit(2);
        }
        print(read(Files.readString(Path.of(args[0]))), System.out);
    }

    /**
     * One JMH result.
     *
     * @param benchmark method name, e.g. {@code sampleRow}
     * @param params    JMH parameters in the order JMH wrote them
     */
    record Result(String benchmark, Map<String, String> params, SampleCost cost) {

        /** The rate a {@code recordRow} result was measured at; 0 for results that hold at any rate. */
        int rateHz() {
            return Integer.parseInt(params.getOrDefault("rateHz", "0"));
        }
    }

    /** The results in file order. */
    static List<Result> read(String json) {
        List<Result> results = new ArrayList<>();
        for (JsonNode result : JsonMapper.builder().build().readTree(json)) {
            String method = result.path("benchmark").asString();
            method = method.substring(method.lastIndexOf('.') + 1);
            Map<String, String> params = new LinkedHashMap<>();
            StringBuilder label = new StringBuilder(method);
            for (Map.Entry<String, JsonNode> p : result.path("params").properties()) {
                params.put(p.getKey(), p.getValue().asString());
                label.append(' ').append(p.getKey()).append('=').append(p.getValue().asString());
            }
            JsonNode primary = result.path("primaryMetric");
            if (!primary.path("scoreUnit").asString().equals("us/op")) {
                throw new IllegalArgumentException(label + " is in " + primary.path("scoreUnit").asString()
                        + ", not us/op: run the benchmarks in AverageTime mode with -tu us");
            }
            JsonNode alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
            results.add(new Result(method, Map.copyOf(params), new SampleCost(label.toString(),
                    number(primary.path("score")), number(primary.path("scoreError")),
                    alloc.isMissingNode() ? Double.NaN : number(alloc.path("score")))));
        }
        return results;
    }

    /** JMH writes "NaN" as a string where an error cannot be computed. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.doubleValue() : Double.NaN;
    }

    static void print(List<Result> results, PrintStream out) {
        out.printf(Locale.ROOT, "%-46s %18s %16s %16s %10s%n", "per sample", "us (99.9% CI)", "% core @10 Hz",
                "% core @100 Hz", "B alloc");
        for (Result r : results) {
            out.println(line(r.cost(), r.rateHz()));
        }
        for (Result all : results) {
            if (!"all".equals(all.params().get("meters"))) {
                continue;
            }
            for (Result record : results) {
                if (record.rateHz() > 0) {
                    SampleCost total = all.cost().plus(record.cost(), "all meters (+" + all.params()
                            .getOrDefault("extraProcesses", "0") + " procs) + record @" + record.rateHz() + " Hz");
                    out.println(line(total, record.rateHz()));
                }
            }
        }
        out.printf(Locale.ROOT, "target: under %.1f %% of one core at 100 Hz%n",
                SampleCost.TARGET_CORE_PCT_AT_100_HZ);
    }

    private static String line(SampleCost c, int onlyRateHz) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-46s %9.3f ± %-6.3f", c.label(),
                c.costUs(), c.errorUs()));
        for (double rate : RATES_HZ) {
            s.append(onlyRateHz == 0 || onlyRateHz == rate
                    ? String.format(Locale.ROOT, " %8.4f ± %-6.4f", c.corePct(rate), c.corePctError(rate))
                    : String.format(Locale.ROOT, " %16s", "-"));
        }
        s.append(String.format(Locale.ROOT, " %10.0f", c.allocBytes()));
        if (onlyRateHz == 0 || onlyRateHz == 100) {
            s.append(c.corePct(100) < SampleCost.TARGET_CORE_PCT_AT_100_HZ ? "  ok" : "  OVER TARGET");
        }
        return s.toString();
    }
}
