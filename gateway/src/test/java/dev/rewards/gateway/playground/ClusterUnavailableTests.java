package dev.rewards.gateway.playground;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A math-verifier that cannot be reached is a 503 problem (retry), not a 500 and not an empty answer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rewards.gateway.math-url=http://127.0.0.1:9")
class ClusterUnavailableTests {

    @Value("${local.server.port}")
    private int port;

    @Test
    void anUnreachableMathVerifierIsA503Problem() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build()
                .post().uri("/v1/math/cluster").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"answers\": [\"4\"]}").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
                        .startsWith("math-verifier: cannot cluster answers"));
    }
}
