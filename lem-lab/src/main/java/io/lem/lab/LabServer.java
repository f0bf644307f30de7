package io.lem.lab;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.lem.config.ConfigException;
import io.lem.engine.EngineDrivers;
import io.lem.engine.EngineException;
import io.lem.measure.MeterFactory;
import io.lem.time.Clock;

/**
 * The Energy Lab's web server: the page and its JSON API on one port, loopback by default. Starting it starts the
 * target engine first (an embedded one loads its model here, outside every measurement), then the server.
 */
public final class LabServer implements AutoCloseable {

    private final Javalin app;
    private final LabService service;
    private final LabOptions options;

    private LabServer(Javalin app, LabService service, LabOptions options) {
        this.app = app;
        this.service = service;
        this.options = options;
    }

    public static LabServer start(LabOptions options, EngineDrivers drivers, MeterFactory meters,
                                  Consumer<String> progress) throws IOException, InterruptedException, EngineException {
        LabStore store = LabStore.open(options.dataDir());
        LabEngine engine;
        try {
            engine = LabEngine.start(options.target(), options.dataDir(), drivers, progress);
        } catch (IOException | InterruptedException | EngineException | RuntimeException e) {
            store.close();
            throw e;
        }
        RunMeasurer measurer = new RunMeasurer(meters, options.meters(), Clock.system(), options.baselineS(),
                options.sampleRateHz());
        LabService service = new LabService(engine, measurer, store, options.dataDir());
        LabGuard guard = new LabGuard(options.token(), LabOptions.loopback(options.bind()));
        Javalin app = Javalin.create(config -> {
            config.jetty.host = options.bind();
            config.jetty.port = options.port();
            config.http.maxRequestSize = options.maxBodyBytes();
            config.startup.showJavalinBanner = false;
            config.routes.before("/api/*", guard::check);
            config.routes.exception(ConfigException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), e.field()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(),
                    null));
            config.routes.exception(Exception.class, (e, ctx) -> error(ctx, 500, String.valueOf(e.getMessage()), null));
            PageRoutes.add(config.routes);
            InfoRoutes.add(config.routes, service);
            JobRoutes.add(config.routes, service);
            SessionRoutes.add(config.routes, service);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            service.close();
            closeQuietly(engine);
            store.close();
            throw new ConfigException("--port", "cannot listen on " + options.bind() + ":" + options.port() + ": "
                    + e.getMessage() + "; fix: pick another --port (0: any free one)");
        }
        return new LabServer(app, service, options);
    }

    public URI url() {
        String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
        return URI.create("http://" + host + ":" + app.port() + "/");
    }

    public int port() {
        return app.port();
    }

    public LabService service() {
        return service;
    }

    static void error(Context ctx, int status, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("field", field);
        json(ctx.status(status), body);
    }

    static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(LabJson.write(body));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already failing: the first error is the one to report
        }
    }

    @Override
    public void close() {
        app.stop();
        service.close();
        closeQuietly(service.engine());
        service.store().close();
    }
}
