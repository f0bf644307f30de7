package io.lem.analysis.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.lem.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order explicit → live → table, against a loopback stand-in for Electricity Maps that answers like the
 * documented {@code /v3/carbon-intensity/latest} endpoint and only with the right {@code auth-token}.
 */
class CarbonResolverTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private ElectricityMaps provider;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/carbon-intensity/latest", exchange -> {
            String token = exchange.getRequestHeaders().getFirst("auth-token");
            seen.add(exchange.getRequestURI().toString() + " token=" + token);
            String zone = exchange.getRequestURI().getQuery().replace("zone=", "");
            byte[] body;
            int status;
            if (!"secret-key".equals(token)) {
                status = 401;
                body = "{\"error\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                body = ("{\"zone\":\"" + zone + "\",\"carbonIntensity\":302,\"datetime\":\"2025-01-01T10:00:00.000Z\","
                        + "\"updatedAt\":\"2025-01-01T09:52:00.000Z\",\"emissionFactorType\":\"lifecycle\","
                        + "\"isEstimated\":true,\"estimationMethod\":\"TIME_SLICER_AVERAGE\"}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        provider = new ElectricityMaps(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CarbonResolver resolver(Map<String, String> env) {
        return new CarbonResolver(env::get, provider, CountryIntensityTable.bundled());
    }

    /** The table lists its rows in the shipped CSV's order, every row once (read here from the CSV itself). */
    @Test
    void theBundledTableListsEveryRowInItsCsvOrder() throws IOException {
        List<String> codes;
        try (var in = CountryIntensityTable.class.getResourceAsStream("country_intensity.csv")) {
            codes = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).filter(l -> !l.isBlank())
                    .map(l -> l.split(",", 2)[0]).toList();
        }
        assertEquals(codes, CountryIntensityTable.bundled().entries().stream()
                .map(CountryIntensityTable.Entry::iso3).toList());
    }

    @Test
    void explicitValueWinsEvenWhenZero() throws Exception {
        CarbonOptions o = new CarbonOptions(0.0, "DE", 1.0, null, "EM_KEY");
        CarbonIntensity ci = resolver(Map.of("EM_KEY", "secret-key")).resolve(o).orElseThrow();
        assertEquals(0.0, ci.gPerKwh());
        assertEquals("explicit", ci.source());
        assertTrue(seen.isEmpty(), "no provider call with an explicit value");
    }

    @Test
    void liveProviderWithKeyFromTheNamedVariable() throws Exception {
        CarbonOptions o = new CarbonOptions(null, "DEU", 1.0, null, "EM_KEY");
        CarbonIntensity ci = resolver(Map.of("EM_KEY", "secret-key")).resolve(o).orElseThrow();
        assertEquals(302.0, ci.gPerKwh());
        assertEquals("electricity_maps", ci.source());
        assertEquals("DE", ci.zone());
        assertTrue(ci.label().contains("2025-01-01T10:00:00.000Z") && ci.label().contains("estimated"), ci.label());
        assertEquals(List.of("/v3/carbon-intensity/latest?zone=DE token=secret-key"), seen);
    }

    @Test
    void providerFailureFallsBackToTheTableWithAWarning() throws Exception {
        CarbonOptions o = new CarbonOptions(null, "FR", 1.0, null, "EM_KEY");
        CarbonIntensity ci = resolver(Map.of("EM_KEY", "wrong")).resolve(o).orElseThrow();
        assertEquals(56.039, ci.gPerKwh());
        assertEquals("country_table", ci.source());
        assertTrue(ci.warnings().getFirst().contains("HTTP 401"), ci.warnings().toString());
    }

    @Test
    void unsetVariableSkipsTheProvider() throws Exception {
        CarbonIntensity ci = resolver(Map.of()).resolve(new CarbonOptions(null, "FR", 1.0, null, "EM_KEY"))
                .orElseThrow();
        assertEquals("country_table", ci.source());
        assertTrue(ci.warnings().getFirst().contains("EM_KEY"));
        assertTrue(seen.isEmpty());
    }

    @Test
    void nothingConfiguredIsEmptyAndAnUnknownCountryIsAUserError() throws Exception {
        assertTrue(resolver(Map.of()).resolve(CarbonOptions.NONE).isEmpty());
        ConfigException e = assertThrows(ConfigException.class,
                () -> resolver(Map.of()).resolve(new CarbonOptions(null, "ZZZ", 1.0, null, null)));
        assertEquals("carbon.country", e.field());
    }
}
