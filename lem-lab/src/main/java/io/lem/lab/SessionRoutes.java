package io.lem.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.router.JavalinDefaultRoutingApi;
import io.lem.config.ConfigException;
import tools.jackson.databind.JsonNode;

/** The browser session: its settings, its history of runs, the summary across them, and the export download. */
final class SessionRoutes {

    private SessionRoutes() {
    }

    static void add(JavalinDefaultRoutingApi routes, LabService lab) {
        routes.get("/api/session", ctx -> LabServer.json(ctx, lab.settings(Sessions.id(ctx)).toJson()));
        routes.post("/api/session", ctx -> {
            String session = Sessions.id(ctx);
            SessionSettings s = update(lab.settings(session), LabJson.read(ctx.body()), lab);
            lab.store().putSession(session, LabJson.write(s.toJson()));
            LabServer.json(ctx, s.toJson());
        });
        routes.get("/api/history", ctx -> LabServer.json(ctx, Map.of("runs", lab.store().runs(Sessions.id(ctx)))));
        routes.post("/api/history/{id}/delete", ctx -> {
            boolean removed = lab.store().deleteRun(ctx.pathParam("id"), Sessions.id(ctx));
            LabServer.json(ctx.status(removed ? 200 : 404), Map.of("removed", removed));
        });
        routes.get("/api/session-summary", ctx -> LabServer.json(ctx, SessionSummary.of(lab.store().runs(Sessions.id(ctx)))));
        routes.get("/api/export", ctx -> {
            String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
            List<JsonNode> runs = lab.store().runs(Sessions.id(ctx));
            // always a download of this session's data: the client never names a file or path on the server
            switch (format) {
                case "json" -> {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("summary", SessionSummary.of(runs));
                    doc.put("runs", runs);
                    ctx.header("Content-Disposition", "attachment; filename=\"lem-lab-session.json\"");
                    LabServer.json(ctx, doc);
                }
                case "csv" -> {
                    ctx.header("Content-Disposition", "attachment; filename=\"lem-lab-session.csv\"");
                    ctx.contentType("text/csv; charset=utf-8").result(SessionSummary.csv(runs));
                }
                default -> throw new ConfigException("format", "'" + format + "' is not known; fix: use json or csv");
            }
        });
    }

    private static SessionSettings update(SessionSettings s, JsonNode body, LabService lab) {
        if (!body.isObject()) {
            throw new ConfigException("body", "must be a JSON object {country, carbon_g_per_kwh, benchmark}");
        }
        String country = s.country();
        Double factor = s.carbonGPerKwh();
        String benchmark = s.benchmark();
        if (body.has("country")) {
            JsonNode c = body.get("country");
            if (c.isNull()) {
                country = null;
            } else if (!c.isString() || lab.countries().lookup(c.stringValue()).isEmpty()) {
                throw new ConfigException("country", "'" + c + "' is not in lem's country table; fix: use a code of"
                        + " GET /api/emissions");
            } else {
                country = lab.countries().lookup(c.stringValue()).orElseThrow().iso3();
                factor = null;
            }
        }
        if (body.has("carbon_g_per_kwh")) {
            JsonNode f = body.get("carbon_g_per_kwh");
            if (f.isNull()) {
                factor = null;
            } else if (!f.isNumber() || !(f.doubleValue() >= 0) || Double.isInfinite(f.doubleValue())) {
                throw new ConfigException("carbon_g_per_kwh", "'" + f + "' is not a number of 0 or more (g CO2e per"
                        + " kWh; 0 is a valid zero-carbon grid)");
            } else {
                factor = f.doubleValue();
            }
        }
        if (body.has("benchmark")) {
            JsonNode b = body.get("benchmark");
            if (!b.isString() || !b.stringValue().equals(LabService.LIVE_DYNAMIC) && lab.benchmark(b.stringValue()) == null) {
                throw new ConfigException("benchmark", "'" + b + "' is not a known benchmark; fix: use a name of"
                        + " GET /api/energy-benchmarks");
            }
            benchmark = b.stringValue();
        }
        return new SessionSettings(country, factor, benchmark);
    }
}
