package dev.rewards.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The conventions every service promises (actuator, OpenAPI, 404 problems), run against each service by a subclass
 * in its module; services with a JSON API extend {@link JsonApiConventionsContract}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceConventionsContract {

    @Value("${local.server.port}")
    private int port;

    protected WebTestClient client;

    /**
     * A fresh connection per request: the hostile tests end exchanges early (a 413 before the body is read, invalid
     * bytes), and a pooled connection left mid-body would make the next test's request wait for an answer that
     * never comes.
     */
    @BeforeEach
    void connect() {
        var connector = new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                reactor.netty.http.client.HttpClient.create(reactor.netty.resources.ConnectionProvider.newConnection()));
        client = WebTestClient.bindToServer(connector).baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(30))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
    }

    @Test
    void livenessAndReadinessAreUp() {
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusExportsJvmAndHttpMetrics() {
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        String scrape = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds");
    }

    @Test
    void infoShowsTheBuildVersion() {
        client.get().uri("/actuator/info").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.build.version").isNotEmpty();
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").isNotEmpty();
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void unknownPathIsA404Problem() {
        client.get().uri("/no/such/path").exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }
}
