package dev.rewards.format;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "rewards.format.max-batch-items=3")
class FormatApiTests {

    @Value("${local.server.port}")
    private int port;

    private WebTestClient client;

    @BeforeEach
    void connect() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void explainAddsEverySoftCheckThatNeedsNoParameter() {
        client.post().uri("/v1/format/check").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"response": "Sure! <think>\\nStep 1: add\\n</think>\\n<answer>\\n4\\n</answer>", "explain": true}
                        """)
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.violations[0].code").isEqualTo("text_before_think")
                .jsonPath("$.violations[0].index").isEqualTo(0)
                .jsonPath("$.soft.tag_count").isEqualTo(1.0)
                .jsonPath("$.soft.reasoning_steps").isNumber()
                .jsonPath("$.soft.repetition").isNumber()
                .jsonPath("$.soft.overlong").doesNotExist();
    }

    @Test
    void checkReturnsTheVerdictInSnakeCase() {
        client.post().uri("/v1/format/check").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"id": "s1", "response": "<think>a</think> <answer>42</answer> tail",
                         "checks": ["tag_count", "overlong"], "params": {"length": 900, "max_length": 1000, "cache": 200}}
                        """)
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("s1")
                .jsonPath("$.valid").isEqualTo(false)
                .jsonPath("$.score").isEqualTo(0.0)
                .jsonPath("$.violations[0].code").isEqualTo("text_after_answer")
                .jsonPath("$.think").isEqualTo("a")
                .jsonPath("$.answer").isEqualTo("42")
                .jsonPath("$.soft.tag_count").isEqualTo(0.0)
                .jsonPath("$.soft.overlong").isEqualTo(-0.5)
                .jsonPath("$.soft.repetition").doesNotExist();
    }

    @Test
    void batchAppliesDefaultsAndKeepsOrder() {
        client.post().uri("/v1/format/check/batch").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"items": [
                           {"id": "a", "response": "reasoning</think><answer>1</answer>"},
                           {"id": "b", "response": "<think>x</think><answer>1</answer>", "think_prefilled": false},
                           {"id": "c", "response": "<think>\\nx\\n</think>\\n<answer>\\n1\\n</answer>", "template": "openr1", "think_prefilled": false}],
                         "defaults": {"template": "r1", "think_prefilled": true, "checks": ["reasoning_steps"]}}
                        """)
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.results.length()").isEqualTo(3)
                .jsonPath("$.results[0].id").isEqualTo("a")
                .jsonPath("$.results[0].valid").isEqualTo(true)
                .jsonPath("$.results[1].valid").isEqualTo(true)
                .jsonPath("$.results[2].id").isEqualTo("c")
                .jsonPath("$.results[2].valid").isEqualTo(true)
                .jsonPath("$.results[2].soft.reasoning_steps").isEqualTo(0.0);
    }

    @Test
    void badItemIsNamedByItsIndex() {
        client.post().uri("/v1/format/check/batch").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"items\": [{\"response\": \"x\"}, {\"response\": \"y\", \"checks\": [\"speed\"]}]}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d)
                        .startsWith("items[1].checks: unknown value 'speed'"));
    }

    @Test
    void wrongTypeIsA400NamingTheField() {
        client.post().uri("/v1/format/check").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"response\": \"x\", \"checks\": 7}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> org.assertj.core.api.Assertions.assertThat((String) d)
                        .contains("checks"));
    }

    @Test
    void batchOverTheItemLimitIsA413() {
        client.post().uri("/v1/format/check/batch").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"items\": [{\"response\": \"1\"}, {\"response\": \"2\"}, {\"response\": \"3\"}, {\"response\": \"4\"}]}")
                .exchange().expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
