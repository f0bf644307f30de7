package io.lem.lab;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.lem.config.ConfigException;
import io.lem.engine.EngineDrivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loopback by default, a token elsewhere, same-origin state changes, size limits, downloads, and bad input. */
class LabSecurityTest {

    @TempDir
    static Path data;

    static ScriptedChat chat;
    static LabServer lab;
    static LabClient client;

    @BeforeAll
    static void start() throws Exception {
        chat = new ScriptedChat(List.of("ok"), 10, 10);
        lab = LabServer.start(LabOptions.defaults(data, new LabTarget.Remote(chat.url(), "openai")).withPort(0)
                .withBaselineS(0), EngineDrivers.of(List.of()), ScriptedMeter.none(), s -> { });
        client = new LabClient(lab.url());
    }

    @AfterAll
    static void stop() {
        lab.close();
        chat.close();
    }

    @Test
    void itListensOnLoopbackAndRefusesAnotherBindWithoutAToken() {
        assertThat(lab.url().getHost()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> LabOptions.defaults(data, new LabTarget.Embedded("tiny")).withAccess("0.0.0.0", null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--token");
    }

    @Test
    void everyApiCallNeedsTheTokenWhenOneIsSet() throws Exception {
        try (LabServer guarded = LabServer.start(LabOptions.defaults(data.resolve("t"), new LabTarget.Remote(chat.url(),
                "openai")).withPort(0).withAccess("127.0.0.1", "s3cret"), EngineDrivers.of(List.of()),
                ScriptedMeter.none(), s -> { })) {
            LabClient c = new LabClient(guarded.url());
            assertThat(c.get("/api/health").status()).isEqualTo(401);
            assertThat(c.post("/api/run", Map.of("query", "q")).status()).isEqualTo(401);
            assertThat(c.send(HttpRequest.newBuilder(guarded.url().resolve("/api/health"))
                    .header("Authorization", "Bearer s3cret").GET()).status()).isEqualTo(200);
            assertThat(c.get("/api/health?token=s3cret").status()).isEqualTo(200);
            assertThat(c.get("/api/health?token=wrong").status()).isEqualTo(401);
        }
    }

    @Test
    void stateChangingCallsFromAnotherSiteAreRefused() throws Exception {
        String body = LabJson.write(Map.of("query", "q"));
        URI run = lab.url().resolve("/api/run");
        assertThat(client.send(HttpRequest.newBuilder(run).header("Content-Type", "application/json")
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString(body))).status())
                .isEqualTo(403);
        assertThat(client.send(HttpRequest.newBuilder(run).header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString(body))).status())
                .isEqualTo(403);
        // a cross-site HTML form can only send text/plain or form encodings
        assertThat(client.send(HttpRequest.newBuilder(run).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body))).status()).isEqualTo(415);
        // a DNS-rebinding page reaches loopback under its own host name
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", lab.port())) {
            socket.getOutputStream().write(("GET /api/health HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .lines().findFirst().orElseThrow();
            assertThat(status).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void anOversizedBodyIsRefused() throws Exception {
        String huge = LabJson.write(Map.of("query", "x".repeat((int) LabOptions.DEFAULT_MAX_BODY_BYTES + 10)));
        assertThat(client.post("/api/run", huge).status()).isEqualTo(413);
    }

    @Test
    void theExportIsADownloadOfThisSessionNeverAServerPath() throws Exception {
        LabClient.Response r = client.get("/api/export?format=json&path=/tmp/owned.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"lem-lab-session.json\"");
        assertThat(Path.of("/tmp/owned.json")).doesNotExist();
        assertThat(client.get("/api/export?format=csv").raw().headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/csv");
    }

    @Test
    void thePageOnlyRunsItsOwnScripts() throws Exception {
        LabClient.Response page = client.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'");
        assertThat(page.raw().body()).doesNotContain("http://", "https://");
        assertThat(client.get("/assets/lab.js").raw().body()).doesNotContain("innerHTML");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "/api/run | not json | body",
            "/api/run | {\"query\":\"\"} | query",
            "/api/run | {\"query\":\"q\",\"temperature\":5} | temperature",
            "/api/run | {\"query\":\"q\",\"max_tokens\":0} | max_tokens",
            "/api/run | {\"query\":\"q\",\"max_tokens\":1.5} | max_tokens",
            "/api/run | {\"query\":\"q\",\"seed\":\"x\"} | seed",
            "/api/run | {\"query\":\"q\",\"thinking\":\"yes\"} | thinking",
            "/api/run | {\"query\":\"q\",\"injections\":{}} | injections",
            "/api/run | {\"query\":\"q\",\"injections\":[{\"description\":\"d\"}]} | injections[0].content",
            "/api/run | {\"query\":7} | query",
            "/api/batch | {\"query\":\"q\",\"runs\":0} | runs",
            "/api/batch | {\"query\":\"q\",\"runs\":1000} | runs",
            "/api/rapl-calibrate | {\"query\":\"q\",\"runs\":-1} | runs",
            "/api/add-custom-benchmark | {\"name\":\"\"} | name",
            "/api/add-custom-benchmark | {\"name\":\"b\",\"wh_per_1000_input_tokens\":-1} | wh_per_1000_input_tokens",
            "/api/add-custom-benchmark | {\"name\":\"rapl_live_dynamic\",\"wh_per_1000_input_tokens\":1} | name",
            "/api/session | {\"country\":\"XXX\"} | country",
            "/api/session | {\"carbon_g_per_kwh\":-3} | carbon_g_per_kwh",
            "/api/session | {\"benchmark\":\"nope\"} | benchmark"})
    void badInputIsA400NamingTheField(String path, String body, String field) throws Exception {
        LabClient.Response r = client.post(path, body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
        assertThat(r.json().path("field").stringValue()).isEqualTo(field);
        assertThat(r.json().path("error").stringValue()).startsWith(field + ": ");
    }

    @Test
    void badQueryParametersAndUnknownJobsAreClearToo() throws Exception {
        LabClient.Response export = client.get("/api/export?format=xml");
        assertThat(export.status()).isEqualTo(400);
        assertThat(export.json().path("field").stringValue()).isEqualTo("format");
        assertThat(client.get("/api/jobs/nope").status()).isEqualTo(404);
        assertThat(client.post("/api/jobs/nope/cancel", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void theReadEndpointsAnswerWithTheirDocumentedFields() throws Exception {
        assertThat(client.get("/api/health").json().path("status").stringValue()).isEqualTo("ok");
        assertThat(client.get("/api/models").json().path("models").get(0).stringValue()).isEqualTo(ScriptedChat.MODEL);
        var emissions = client.get("/api/emissions").json();
        assertThat(emissions.path("countries").size()).isGreaterThan(150);
        assertThat(emissions.path("source").stringValue()).contains("CodeCarbon");
        var benchmarks = client.get("/api/energy-benchmarks").json().path("benchmarks");
        // one row per model of each shipped table: 30 from Jegham et al., 62 from the AI Energy Score
        assertThat(benchmarks.valueStream().filter(b -> b.path("name").stringValue().startsWith("jegham:")).count())
                .isEqualTo(30);
        assertThat(benchmarks.valueStream().filter(b -> b.path("name").stringValue().startsWith("hf:")).count())
                .isEqualTo(62);
        assertThat(benchmarks.valueStream().filter(b -> b.path("name").stringValue().equals("jegham:GPT-4.1"))
                .findFirst().orElseThrow().path("wh_per_1000_input_tokens").doubleValue()).isEqualTo(3.161);
        assertThat(client.get("/api/session-summary").json().path("runs").asInt()).isZero();
        assertThat(client.get("/api/history").json().path("runs").isArray()).isTrue();
    }
}
