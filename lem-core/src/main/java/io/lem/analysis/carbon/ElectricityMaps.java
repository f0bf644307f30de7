package io.lem.analysis.carbon;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Electricity Maps' live grid intensity: {@code GET /v3/carbon-intensity/latest?zone=DE} with the key in the
 * {@code auth-token} header, answering {@code {"zone": "DE", "carbonIntensity": 302, "datetime": "…",
 * "emissionFactorType": "lifecycle", "isEstimated": false, …}} (Electricity Maps API documentation,
 * portal.electricitymaps.com/docs/getting-started, "Authorization" and the free-tier endpoint list). The key is read
 * from an environment variable by the caller and never written anywhere.
 */
public final class ElectricityMaps {

    /** The documented host. */
    public static final URI DEFAULT_BASE = URI.create("https://api.electricitymap.org");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    public ElectricityMaps(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The latest intensity of a zone, or an {@link IOException} saying what the provider answered. */
    public CarbonIntensity latest(String zone, String apiKey) throws IOException, InterruptedException {
        URI uri = base.resolve("/v3/carbon-intensity/latest?zone=" + URLEncoder.encode(zone, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("auth-token", apiKey)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Electricity Maps answered HTTP " + response.statusCode() + " for zone " + zone
                    + (response.statusCode() == 401 || response.statusCode() == 403 ? " (check the API key)" : ""));
        }
        JsonNode root;
        try {
            root = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new IOException("Electricity Maps answered something that is not JSON", e);
        }
        JsonNode value = root.path("carbonIntensity");
        if (!value.isNumber()) {
            throw new IOException("Electricity Maps' answer for zone " + zone + " has no carbonIntensity");
        }
        String when = root.path("datetime").asString("?");
        String factor = root.path("emissionFactorType").asString("lifecycle");
        boolean estimated = root.path("isEstimated").asBoolean(false);
        return new CarbonIntensity(value.asDouble(), "electricity_maps", root.path("zone").asString(zone),
                "Electricity Maps latest for " + zone + " at " + when + " (" + factor
                        + (estimated ? ", estimated by the provider" : "") + ")", java.util.List.of());
    }
}
