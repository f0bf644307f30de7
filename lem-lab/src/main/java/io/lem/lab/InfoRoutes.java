package io.lem.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lem.analysis.carbon.CountryIntensityTable;
import io.lem.config.ConfigException;
import io.javalin.router.JavalinDefaultRoutingApi;
import tools.jackson.databind.JsonNode;

/** The seed's read-mostly endpoints: health, models, benchmarks (and adding a custom one), emission factors. */
final class InfoRoutes {

    private InfoRoutes() {
    }

    static void add(JavalinDefaultRoutingApi routes, LabService lab) {
        routes.get("/api/health", ctx -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("status", "ok");
            h.put("engine", lab.engine().description());
            h.put("api", lab.engine().api());
            h.put("model_load_s", LabMaps.num(lab.engine().loadS()));
            h.put("model_load_note", "measured apart, before any run: never inside a measurement window");
            LabServer.json(ctx, h);
        });
        routes.get("/api/models", ctx -> {
            Map<String, Object> m = new LinkedHashMap<>();
            List<String> models = lab.engine().models();
            m.put("models", models);
            m.put("default", models.isEmpty() ? null : models.getFirst());
            m.put("context_length", lab.engine().pid() >= 0 ? LabEngine.EMBEDDED_CTX : null);
            LabServer.json(ctx, m);
        });
        routes.get("/api/energy-benchmarks", ctx -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("benchmarks", lab.benchmarks().stream().map(Benchmark::toJson).toList());
            b.put("selected", lab.settings(Sessions.id(ctx)).benchmark());
            LabServer.json(ctx, b);
        });
        routes.post("/api/add-custom-benchmark", ctx -> {
            Benchmark b = custom(LabJson.read(ctx.body()), lab);
            lab.store().putBenchmark(b);
            LabServer.json(ctx.status(201), b.toJson());
        });
        routes.get("/api/emissions", ctx -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("source", CountryIntensityTable.SOURCE);
            e.put("unit", "g CO2e per kWh");
            e.put("countries", lab.countryRows());
            e.put("selected", lab.settings(Sessions.id(ctx)).toJson());
            LabServer.json(ctx, e);
        });
    }

    static Benchmark custom(JsonNode body, LabService lab) {
        if (!body.isObject()) {
            throw new ConfigException("body", "must be a JSON object {name, wh_per_1000_input_tokens, ...}");
        }
        String name = body.path("name").isString() ? body.path("name").stringValue().strip() : "";
        if (name.isEmpty() || name.length() > 100) {
            throw new ConfigException("name", "must be 1..100 characters; fix: name the benchmark");
        }
        if (name.equals(LabService.LIVE_DYNAMIC) || name.startsWith(LabService.CALIBRATED_PREFIX)
                || lab.benchmark(name) != null && "reference".equals(lab.benchmark(name).kind())) {
            throw new ConfigException("name", "'" + name + "' is taken by a reference, calibrated or live benchmark;"
                    + " fix: choose another name");
        }
        double in = coefficient(body, "wh_per_1000_input_tokens", true);
        double out = coefficient(body, "wh_per_1000_output_tokens", false);
        String description = body.path("description").isString() ? body.path("description").stringValue() : "";
        return new Benchmark(name, "custom", in, Double.isNaN(out) ? null : out, "custom: entered by a user",
                description);
    }

    private static double coefficient(JsonNode body, String field, boolean required) {
        JsonNode n = body.path(field);
        if (n.isMissingNode() || n.isNull()) {
            if (required) {
                throw new ConfigException(field, "is required: Wh per 1000 tokens, 0 or more");
            }
            return Double.NaN;
        }
        if (!n.isNumber() || !(n.doubleValue() >= 0) || Double.isInfinite(n.doubleValue())) {
            throw new ConfigException(field, "'" + n + "' is not a number of 0 or more (Wh per 1000 tokens)");
        }
        return n.doubleValue();
    }

    /** Every row of lem's country table, in its order. */
    static List<Map<String, Object>> countries(CountryIntensityTable table) {
        return table.entries().stream().map(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", e.iso3());
            row.put("country", e.country());
            row.put("g_per_kwh", e.gPerKwh());
            row.put("year", e.year());
            return row;
        }).toList();
    }
}
