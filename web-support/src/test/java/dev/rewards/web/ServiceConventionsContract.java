package dev.rewards.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The conventions every service promises (actuator, OpenAPI, problem documents, limits), run against each service
 * by a one-line subclass in its module.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceConventionsContract {

    @Value("${local.server.port}")
    private int port;

    protected WebTestClient client;

    /** A POST endpoint of the service that takes a JSON body. */
    protected abstract String postEndpoint();

    /** A JSON body for {@link #postEndpoint()} that lacks a required field. */
    protected abstract String bodyMissingRequiredField();

    /** The name of that field, which the problem must mention. */
    protected abstract String requiredField();

    @BeforeEach
    void connect() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
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
                .expectBody().jsonPath("$.openapi").isNotEmpty().jsonPath("$.paths").isNotEmpty();
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void unknownPathIsA404Problem() {
        client.get().uri("/no/such/path").exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void malformedJsonIsA400ProblemWithoutStackTrace() {
        String body = client.post().uri(postEndpoint()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"response\": \"unterminated").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("\"status\":400").doesNotContain("at java.").doesNotContain("Exception");
    }

    @Test
    void missingRequiredFieldIsA400ProblemNamingTheField() {
        client.post().uri(postEndpoint()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(bodyMissingRequiredField()).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(requiredField()));
    }

    @Test
    void bodyOverTheLimitIsA413Problem() {
        String huge = "{\"response\": \"" + "x".repeat(17 * 1024 * 1024) + "\"}";
        client.post().uri(postEndpoint()).contentType(MediaType.APPLICATION_JSON).bodyValue(huge).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
