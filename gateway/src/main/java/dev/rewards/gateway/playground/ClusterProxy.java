package dev.rewards.gateway.playground;

import java.time.Duration;
import java.util.Map;

import dev.rewards.gateway.api.GatewayProperties;
import dev.rewards.web.ServiceUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * The math-verifier's equivalence clustering through the gateway, so that the playground (served by the gateway,
 * and allowed to call only its own origin) can group a GRPO group's answers. A 4xx of the verifier is the caller's
 * mistake and keeps its detail; anything else means the verifier could not answer (503, retry).
 */
@RestController
class ClusterProxy {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {
            };
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebClient math;

    ClusterProxy(GatewayProperties properties) {
        this.math = WebClient.builder().baseUrl(properties.mathUrl()).build();
    }

    @Operation(summary = "Groups answers by mathematical equivalence (the math-verifier's /v1/math/cluster)")
    @PostMapping(value = "/v1/math/cluster", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> cluster(@RequestBody Map<String, Object> request) {
        return math.post().uri("/v1/math/cluster").contentType(MediaType.APPLICATION_JSON).bodyValue(request)
                .retrieve().bodyToMono(JSON_OBJECT).timeout(TIMEOUT)
                .onErrorMap(ClusterProxy::translate);
    }

    private static Throwable translate(Throwable error) {
        if (error instanceof WebClientResponseException response && response.getStatusCode().is4xxClientError()
                && response.getStatusCode().value() != 429) {
            Object detail = response.getResponseBodyAs(Map.class) instanceof Map<?, ?> body ? body.get("detail") : null;
            return new IllegalArgumentException(detail != null ? String.valueOf(detail) : response.getMessage());
        }
        return new ServiceUnavailableException("math-verifier: cannot cluster answers (" + error.getMessage() + ")",
                5, error);
    }
}
