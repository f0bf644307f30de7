package io.lem.lab;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseClient;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.lem.config.ConfigException;
import tools.jackson.databind.JsonNode;

/**
 * Measuring: start a run or a batch (both answer at once with the job's id and queue position), follow a job's
 * events over SSE ({@code Accept: text/event-stream}, as EventSource sends it), cancel it, and calibrate (which
 * answers when the calibration is done, as the seed's endpoint did).
 */
final class JobRoutes {

    /** The longest a calibration request waits for its runs. */
    private static final long CALIBRATE_WAIT_MIN = 30;

    private JobRoutes() {
    }

    static void add(JavalinDefaultRoutingApi routes, LabService lab) {
        routes.post("/api/run", ctx -> started(ctx, submit(ctx, lab, "run", false)));
        routes.post("/api/batch", ctx -> started(ctx, submit(ctx, lab, "batch", true)));
        routes.post("/api/rapl-calibrate", ctx -> {
            Job job = submit(ctx, lab, "calibrate", true);
            CountDownLatch done = new CountDownLatch(1);
            Consumer<Job.Event> onEnd = e -> {
                if (e.type().equals("end")) {
                    done.countDown();
                }
            };
            job.subscribe(onEnd).stream().filter(e -> e.type().equals("end")).forEach(e -> done.countDown());
            if (!done.await(CALIBRATE_WAIT_MIN, TimeUnit.MINUTES)) {
                job.cancel();
            }
            job.unsubscribe(onEnd);
            Map<String, Object> result = job.result();
            Object benchmark = result == null ? null : result.get("benchmark");
            if (benchmark == null) {
                LabServer.error(ctx, 409, "calibration produced no benchmark: no run was measured (" + job.state()
                        + "); a calibration needs a meter (RAPL, GPU or the CPU estimate)", null);
                return;
            }
            LabServer.json(ctx, LabMaps.of("job_id", job.id(), "benchmark", benchmark, "summary", result));
        });
        routes.get("/api/jobs/{id}", ctx -> LabServer.json(ctx, job(ctx, lab).toJson()));
        routes.post("/api/jobs/{id}/cancel", ctx -> {
            Job job = job(ctx, lab);
            job.cancel();
            LabServer.json(ctx, job.toJson());
        });
        routes.sse("/api/jobs/{id}/events", client -> stream(client, lab));
    }

    private static Job submit(Context ctx, LabService lab, String kind, boolean counted) throws Exception {
        JsonNode body = LabJson.read(ctx.body());
        Composition c = Composition.fromJson(body, defaultModel(lab));
        int runs = 1;
        if (counted) {
            double n = Composition.number(body, "runs", kind.equals("calibrate") ? 5 : 3);
            if (n != Math.rint(n)) {
                throw new ConfigException("runs", n + " is not a whole number");
            }
            runs = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
        }
        return lab.submit(Sessions.id(ctx), kind, c, runs);
    }

    private static String defaultModel(LabService lab) throws Exception {
        return lab.engine().models().stream().findFirst().orElse(null);
    }

    private static void started(Context ctx, Job job) {
        Map<String, Object> body = new LinkedHashMap<>(job.toJson());
        body.put("events", "/api/jobs/" + job.id() + "/events");
        LabServer.json(ctx.status(202), body);
    }

    /** A job of this browser's session; another session's job does not exist for it. */
    private static Job job(Context ctx, LabService lab) {
        Job job = lab.job(ctx.pathParam("id"));
        if (job == null || !job.session().equals(Sessions.id(ctx))) {
            throw new HttpResponseException(404, "no job " + ctx.pathParam("id") + " in this session");
        }
        return job;
    }

    private static void stream(SseClient client, LabService lab) {
        Job job;
        try {
            job = job(client.ctx(), lab);
        } catch (HttpResponseException e) {
            client.sendEvent("error", LabJson.write(Map.of("message", e.getMessage())));
            client.close();
            return;
        }
        client.keepAlive();
        Consumer<Job.Event> send = new Consumer<>() {
            @Override
            public void accept(Job.Event e) {
                synchronized (client) {
                    if (client.terminated()) {
                        job.unsubscribe(this);
                        return;
                    }
                    client.sendEvent(e.type(), LabJson.write(e.data()), Long.toString(e.seq()));
                    if (e.type().equals("end")) {
                        job.unsubscribe(this);
                        client.close();
                    }
                }
            }
        };
        client.onClose(() -> job.unsubscribe(send));
        synchronized (client) {
            for (Job.Event e : job.subscribe(send, lastEventId(client))) {
                if (client.terminated()) {
                    break;
                }
                client.sendEvent(e.type(), LabJson.write(e.data()), Long.toString(e.seq()));
                if (e.type().equals("end")) {
                    job.unsubscribe(send);
                    client.close();
                }
            }
        }
    }

    /** The browser's {@code Last-Event-ID} on a reconnect (the seq of the last event it got); -1 on a first connect. */
    static long lastEventId(SseClient client) {
        String header = client.ctx().header("Last-Event-ID");
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1; // not one of ours: replay everything, as on a first connect
        }
    }
}
