package dev.rewards.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Beyond max-concurrent-requests the gateway answers 429 at once, and admits again when a request finishes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "rewards.gateway.max-concurrent-requests=2")
class AdmissionTests {

    private static final FakeVerifiers VERIFIERS = new FakeVerifiers();
    private static final String REQUEST = """
            {"profile": "r1_zero", "samples": [
              {"response": "<think>x</think><answer>42</answer>", "gold": "42"}]}""";

    @DynamicPropertySource
    static void verifiers(DynamicPropertyRegistry registry) {
        VERIFIERS.register(registry);
    }

    @AfterAll
    static void stop() {
        VERIFIERS.close();
    }

    @Value("${local.server.port}")
    private int port;

    private EntityExchangeResult<String> post(WebTestClient client) {
        return client.post().uri("/v1/rewards").contentType(MediaType.APPLICATION_JSON).bodyValue(REQUEST).exchange()
                .expectBody(String.class).returnResult();
    }

    @Test
    void theRequestBeyondTheLimitIsRefusedAt429WhileTheOthersComplete() throws Exception {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        VERIFIERS.delays.put("/v1/math/verify/batch", Duration.ofSeconds(3));
        List<CompletableFuture<EntityExchangeResult<String>>> slow;
        try {
            slow = List.of(CompletableFuture.supplyAsync(() -> post(client)),
                    CompletableFuture.supplyAsync(() -> post(client)));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!client.get().uri("/actuator/prometheus").exchange().expectBody(String.class).returnResult()
                    .getResponseBody().contains("rewards_gateway_in_flight 2.0")) {
                assertThat(System.nanoTime()).as("two requests in progress").isLessThan(deadline);
                Thread.sleep(50);
            }
            EntityExchangeResult<String> refused = post(client);
            assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
            assertThat(refused.getResponseBody()).contains("requests in progress");
            for (CompletableFuture<EntityExchangeResult<String>> request : slow) {
                assertThat(request.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(HttpStatus.OK);
            }
        } finally {
            VERIFIERS.delays.clear();
        }
        assertThat(post(client).getStatus()).as("admitted again once the slow ones finished").isEqualTo(HttpStatus.OK);
        assertThat(client.get().uri("/actuator/prometheus").exchange().expectBody(String.class).returnResult()
                .getResponseBody()).contains("rewards_gateway_refused_total 1.0", "rewards_gateway_in_flight 0.0");
    }
}
