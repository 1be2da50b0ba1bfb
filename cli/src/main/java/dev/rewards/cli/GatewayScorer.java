package dev.rewards.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rewards.gateway.ComponentResult;
import dev.rewards.gateway.Sample;
import dev.rewards.web.WireJson;

/**
 * Rewards from a running gateway ({@code POST /v1/rewards} with {@code on_error: null}, so an outage of one
 * verifier shows as null rewards rather than failing the run); retried on 503/429 with backoff.
 */
final class GatewayScorer implements Scorer {

    private final URI endpoint;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    GatewayScorer(String baseUrl, String apiKey) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/rewards");
        this.apiKey = apiKey;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Scored> score(String profile, List<Sample> samples) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profile", profile);
        body.put("samples", samples);
        body.put("on_error", "null");
        String json = WireJson.MAPPER.writeValueAsString(body);
        Map<String, Object> answer = null;
        for (int attempt = 1; answer == null; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            if (apiKey != null && !apiKey.isBlank()) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    answer = WireJson.MAPPER.readValue(response.body(), Map.class);
                } else if ((status == 503 || status == 429) && attempt < 5) {
                    Thread.sleep(500L << attempt);
                } else {
                    throw new IllegalStateException(endpoint + " answered " + status + ": " + response.body());
                }
            } catch (IOException e) {
                if (attempt >= 5) {
                    throw new IllegalStateException("gateway " + endpoint + " unreachable: " + e.getMessage(), e);
                }
                sleep(500L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        List<Scored> scored = new ArrayList<>();
        for (Object item : (List<Object>) answer.get("results")) {
            Map<String, Object> result = (Map<String, Object>) item;
            Map<String, ComponentResult> components = new LinkedHashMap<>();
            ((Map<String, Object>) result.get("components")).forEach((name, value) -> {
                Map<String, Object> c = (Map<String, Object>) value;
                components.put(name, new ComponentResult(c.get("score") instanceof Number n ? n.doubleValue() : null,
                        (String) c.get("status"), c.get("detail")));
            });
            scored.add(new Scored(result.get("reward") instanceof Number n ? n.doubleValue() : null, components));
        }
        return scored;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
