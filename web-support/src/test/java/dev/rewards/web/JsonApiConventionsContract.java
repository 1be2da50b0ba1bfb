package dev.rewards.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The request-handling conventions of a service with a JSON API: 400 and 413 problems that name what is wrong. */
public abstract class JsonApiConventionsContract extends ServiceConventionsContract {

    /** A POST endpoint of the service that takes a JSON body. */
    protected abstract String postEndpoint();

    /** A JSON body for {@link #postEndpoint()} that lacks a required field. */
    protected abstract String bodyMissingRequiredField();

    /** The name of that field, which the problem must mention. */
    protected abstract String requiredField();

    @Test
    void openApiDocumentsTheEndpoints() {
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['" + postEndpoint() + "']").exists();
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
