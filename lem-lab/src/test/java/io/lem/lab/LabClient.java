package io.lem.lab;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/** A browser-like API client: one cookie jar (one session), same-origin Origin on every POST. */
final class LabClient {

    record Response(int status, JsonNode json, HttpResponse<String> raw) {
    }

    /** @param id the SSE id line before this event's blank line (the job's seq); null when the server sent none */
    record Event(String type, JsonNode data, String id) {
    }

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    LabClient(URI base) {
        this.base = base;
    }

    Response get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Response post(String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .header("Origin", base.toString().replaceAll("/$", ""))
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : LabJson.write(body))));
    }

    Response send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.timeout(Duration.ofMinutes(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), LabJson.readOrNull(r.body()), r);
    }

    /** Reads a job's events until {@code end}, telling {@code onEach} each one (return false to stop reading). */
    List<Event> events(String jobId, Predicate<Event> onEach) throws Exception {
        return events(jobId, null, onEach);
    }

    /**
     * As a browser's EventSource does: an event is complete at its blank line; {@code lastEventId} (null: none) is
     * sent as {@code Last-Event-ID}, as EventSource does when it reconnects.
     */
    List<Event> events(String jobId, String lastEventId, Predicate<Event> onEach) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/jobs/" + jobId + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofMinutes(3)).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.io.InputStream> r = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        List<Event> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String type = null;
            String data = null;
            String id = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.isEmpty() && data != null) {
                    Event e = new Event(type, LabJson.read(data), id);
                    out.add(e);
                    data = null;
                    id = null;
                    if (!onEach.test(e) || "end".equals(e.type())) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    List<Event> events(String jobId) throws Exception {
        return events(jobId, e -> true);
    }

    static List<JsonNode> of(List<Event> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).map(Event::data).toList();
    }
}
