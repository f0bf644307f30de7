package io.lem.lab;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * The page and its assets, from the jar (nothing from a CDN: it works offline). The Content-Security-Policy allows
 * only the Lab's own scripts, so that a model's answer could not run code even if it reached the DOM as HTML.
 */
final class PageRoutes {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final Map<String, String> TYPES = Map.of("lab.js", "text/javascript", "lab.css", "text/css",
            "charts.js", "text/javascript");

    private PageRoutes() {
    }

    static void add(JavalinDefaultRoutingApi routes) {
        routes.get("/", ctx -> serve(ctx, "index.html", "text/html; charset=utf-8"));
        routes.get("/assets/{name}", ctx -> {
            String name = ctx.pathParam("name");
            String type = TYPES.get(name);
            if (type == null) {
                ctx.status(404).result("no such asset");
                return;
            }
            serve(ctx, name, type + "; charset=utf-8");
        });
    }

    private static void serve(Context ctx, String name, String type) throws IOException {
        try (InputStream in = PageRoutes.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                ctx.status(404).result("asset missing from the jar: " + name);
                return;
            }
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.contentType(type).result(in.readAllBytes());
        }
    }
}
