package dev.rewards.gateway.api;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rewards.gateway.api-key=s3cret")
class ApiKeyTests {

    @Value("${local.server.port}")
    private int port;

    @Test
    void everyEndpointButTheActuatorNeedsTheKey() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        client.get().uri("/v1/profiles").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/v1/profiles").header("Authorization", "Bearer wrong").exchange()
                .expectStatus().isUnauthorized();
        client.get().uri("/v1/profiles").header("Authorization", "Bearer s3cret").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }
}
