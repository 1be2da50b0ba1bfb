package dev.rewards.math;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MathApiTests {

    @Value("${local.server.port}")
    private int port;

    private WebTestClient client;

    @BeforeEach
    void connect() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }

    @Test
    void verifyAnswersInSnakeCase() {
        client.post().uri("/v1/math/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"id\": \"q1\", \"response\": \"so \\\\boxed{\\\\dfrac{1}{2}}\", \"gold\": \"0.5\"}")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo("q1")
                .jsonPath("$.status").isEqualTo("correct")
                .jsonPath("$.correct").isEqualTo(true)
                .jsonPath("$.score").isEqualTo(1.0)
                .jsonPath("$.extracted").isEqualTo("\\dfrac{1}{2}")
                .jsonPath("$.answer_form").isEqualTo("1*2^(-1)")
                .jsonPath("$.gold_form").isEqualTo("0.5")
                .jsonPath("$.method").isEqualTo("numeric")
                .jsonPath("$.elapsed_ms").isNumber();
    }

    @Test
    void explainSaysWhereTheAnswerWasFoundOnlyWhenAsked() {
        client.post().uri("/v1/math/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"response\": \"so \\\\boxed{4}\", \"gold\": \"4\"}")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.explain").doesNotExist();
        client.post().uri("/v1/math/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"response\": \"so \\\\boxed{4}\", \"gold\": \"4\", \"explain\": true}")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.explain.source").isEqualTo("boxed")
                .jsonPath("$.explain.start").isEqualTo(10)
                .jsonPath("$.explain.end").isEqualTo(11);
    }

    @Test
    void invalidGoldScoresNull() {
        client.post().uri("/v1/math/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"response\": \"\\\\boxed{1}\", \"gold\": \"\\\\boxed{}\"}")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("invalid_gold")
                .jsonPath("$.score").isEmpty()
                .jsonPath("$.correct").isEmpty();
    }

    @Test
    void batchKeepsOrderAndAppliesDefaults() {
        client.post().uri("/v1/math/verify/batch").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"items": [
                          {"id": "a", "response": "\\\\boxed{t+1}", "gold": "x+1"},
                          {"id": "b", "response": "\\\\boxed{t+1}", "gold": "x+1", "options": {"strict": true}},
                          {"id": "c", "response": "nothing", "gold": "3"}],
                         "options": {"strict": false}}
                        """)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.results.length()").isEqualTo(3)
                .jsonPath("$.results[0].status").isEqualTo("correct")
                .jsonPath("$.results[1].status").isEqualTo("incorrect")
                .jsonPath("$.results[2].id").isEqualTo("c")
                .jsonPath("$.results[2].status").isEqualTo("no_answer")
                .jsonPath("$.results[2].score").isEqualTo(0.0);
    }

    @Test
    void clusterGroupsByEquivalence() {
        client.post().uri("/v1/math/cluster").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"answers\": [\"\\\\frac12\", \"0.5\", \"1/3\"]}")
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.classes[0]").isEqualTo(java.util.List.of(0, 1))
                .jsonPath("$.classes[1]").isEqualTo(java.util.List.of(2))
                .jsonPath("$.forms.length()").isEqualTo(3);
    }

    @Test
    void unknownOptionIsA400NamingIt() {
        client.post().uri("/v1/math/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"response\": \"\\\\boxed{1}\", \"gold\": \"1\", \"options\": {\"extraction\": [\"magic\"]}}")
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d)
                        .contains("options.extraction"));
    }
}
