package dev.rewards.gateway.playground;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The playground's page and assets at {@code /} (reachable without the API key, which the API itself still
 * needs), and {@code /v1/math/cluster} through the gateway: the math-verifier's answer as is, its 400 with its
 * detail, and a 503 problem when it cannot be reached.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rewards.gateway.api-key=secret")
class PlaygroundTests {

    private static final DisposableServer MATH = HttpServer.create().host("127.0.0.1").port(0).route(routes -> routes
            .post("/v1/math/cluster", (request, response) -> request.receive().aggregate().asString().flatMap(body -> {
                if (body.contains("\"bad\"")) {
                    return response.status(400).header("content-type", "application/problem+json")
                            .sendString(reactor.core.publisher.Mono.just("{\"title\":\"Invalid request\",\"status\":400,"
                                    + "\"detail\":\"answers: a list of strings is required\"}")).then();
                }
                return response.header("content-type", "application/json")
                        .sendString(reactor.core.publisher.Mono.just("{\"classes\":[[0,1],[2]],\"forms\":[\"4\",\"4\",\"5\"]}"))
                        .then();
            }))).bindNow();

    @DynamicPropertySource
    static void math(DynamicPropertyRegistry registry) {
        registry.add("rewards.gateway.math-url", () -> "http://127.0.0.1:" + MATH.port());
    }

    @AfterAll
    static void stop() {
        MATH.disposeNow();
    }

    @Value("${local.server.port}")
    private int port;
    private WebTestClient client;

    @BeforeEach
    void connect() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void thePageAndItsAssetsNeedNoKey() {
        client.get().uri("/").exchange().expectStatus().isOk()
                .expectBody(String.class).value(html -> org.assertj.core.api.Assertions.assertThat(html)
                        .contains("<title>Reward playground", "playground/playground.js")
                        .doesNotContain("https://", "http://"));
        client.get().uri("/playground/playground.js").exchange().expectStatus().isOk();
        client.get().uri("/playground/playground.css").exchange().expectStatus().isOk();
        client.get().uri("/v1/profiles").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void clusterGoesThroughToTheMathVerifier() {
        client.post().uri("/v1/math/cluster").header("authorization", "Bearer secret")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"answers\": [\"4\", \"2+2\", \"5\"]}")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.classes[0][1]").isEqualTo(1)
                .jsonPath("$.forms[2]").isEqualTo("5");
        client.post().uri("/v1/math/cluster").header("authorization", "Bearer secret")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"answers\": \"bad\"}")
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.detail").isEqualTo("answers: a list of strings is required");
    }
}
