package dev.rewards.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway over scripted verifiers: composition, dedup, chunking, streaming, on_error, adapters. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rewards.gateway.chunk-size=4", "rewards.gateway.retry-backoff=10ms",
                "rewards.gateway.open-state-wait=1h", "rewards.gateway.minimum-calls=100"})
class GatewayApiTests {

    private static final FakeVerifiers VERIFIERS = new FakeVerifiers();

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
    private WebTestClient client;

    @BeforeEach
    void connect() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        VERIFIERS.reset();
    }

    private WebTestClient.BodyContentSpec post(String path, String body) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody();
    }

    @Test
    void r1ComposesAccuracyFormatAndLanguageInInputOrder() {
        post("/v1/rewards", """
                {"profile": "r1", "samples": [
                  {"id": "right", "response": "<think>x</think><answer>42</answer>", "task": "math", "gold": "42"},
                  {"id": "wrong", "response": "<think>x</think><answer>41</answer>", "gold": "42"},
                  {"id": "no-format", "response": "42", "gold": "42"},
                  {"id": "invalid", "response": "<think>x</think><answer>1</answer>", "gold": "INVALID"},
                  {"id": "plain", "response": "<think>x</think><answer>hi</answer>", "task": "none"}]}
                """)
                .jsonPath("$.profile").isEqualTo("r1")
                .jsonPath("$.weights.language").isEqualTo(0.1)
                .jsonPath("$.results[0].id").isEqualTo("right")
                .jsonPath("$.results[0].reward").isEqualTo(2.09)
                .jsonPath("$.results[0].components.accuracy.status").isEqualTo("correct")
                .jsonPath("$.results[0].components.accuracy.detail.correct").isEqualTo(true)
                .jsonPath("$.results[1].reward").isEqualTo(1.09)
                .jsonPath("$.results[1].components.accuracy.status").isEqualTo("wrong")
                // "42" has no word to judge: language not applicable, counted as fully consistent
                .jsonPath("$.results[2].reward").isEqualTo(1.1)
                .jsonPath("$.results[2].components.language.status").isEqualTo("not_applicable")
                .jsonPath("$.results[3].reward").isEmpty()
                .jsonPath("$.results[3].components.accuracy.status").isEqualTo("invalid_gold")
                .jsonPath("$.results[4].reward").isEqualTo(1.09)
                .jsonPath("$.results[4].components.accuracy").doesNotExist();
    }

    @Test
    void identicalItemsAreVerifiedOnceAndBatchesAreChunked() {
        StringBuilder samples = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            samples.append(i == 0 ? "" : ",").append("{\"response\": \"<answer>7</answer>\", \"gold\": \"7\"}");
        }
        for (int i = 0; i < 10; i++) {
            samples.append(",{\"response\": \"<answer>").append(i).append("</answer>\", \"gold\": \"9\"}");
        }
        post("/v1/rewards", "{\"profile\": \"r1_zero\", \"samples\": [" + samples + "]}")
                .jsonPath("$.results.length()").isEqualTo(26)
                .jsonPath("$.results[15].reward").isEqualTo(2.0)
                .jsonPath("$.results[25].reward").isEqualTo(2.0);
        assertThat(VERIFIERS.items("/v1/math/verify/batch")).isEqualTo(11);
        assertThat(VERIFIERS.batchSizes.get("/v1/math/verify/batch")).allMatch(size -> size <= 4).hasSize(3);
    }

    @Test
    void ndjsonStreamsEveryResultWithItsIndex() {
        List<String> lines = client.post().uri("/v1/rewards").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_NDJSON).bodyValue("""
                        {"profile": "r1_zero", "samples": [
                          {"response": "<answer>1</answer>", "gold": "1"},
                          {"response": "no", "task": "none"},
                          {"response": "<answer>3</answer>", "gold": "4"}]}
                        """).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody().collectList().block();
        assertThat(lines).hasSize(3);
        assertThat(String.join("\n", lines)).contains("\"index\":0", "\"index\":1", "\"index\":2");
    }

    @Test
    void anOutageIsA503OrNullsNeverAZero() {
        VERIFIERS.failing.put("/v1/math/verify/batch", 503);
        String body = """
                {"profile": "r1_zero", "on_error": "%s", "samples": [
                  {"id": "m1", "response": "<answer>1</answer>", "gold": "1"},
                  {"id": "f1", "response": "<answer>x</answer>", "task": "none"}]}
                """;
        client.post().uri("/v1/rewards").contentType(MediaType.APPLICATION_JSON).bodyValue(body.formatted("fail"))
                .exchange().expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("accuracy", "m1").doesNotContain("f1"));
        post("/v1/rewards", body.formatted("null"))
                .jsonPath("$.results[0].reward").isEmpty()
                .jsonPath("$.results[0].components.accuracy.status").isEqualTo("unavailable")
                .jsonPath("$.results[0].components.format.score").isEqualTo(1.0)
                .jsonPath("$.results[1].reward").isEqualTo(1.0);
        assertThat(VERIFIERS.batchSizes.get("/v1/math/verify/batch")).isNull();
    }

    @Test
    void overridesAndShapingProfiles() {
        post("/v1/rewards", """
                {"profile": "r1", "overrides": {"weights": {"language": 0, "format": 0.5}},
                 "samples": [{"response": "<answer>5</answer>", "gold": "5"}]}
                """)
                .jsonPath("$.results[0].reward").isEqualTo(1.5)
                .jsonPath("$.results[0].components.language").doesNotExist();
    }

    @Test
    void codeSamplesGoToTheCodeVerifier() {
        post("/v1/rewards", """
                {"profile": "code", "samples": [
                  {"response": "<think>t</think><answer>```python\\n# pass\\n```</answer>", "task": "code",
                   "language": "python", "tests": {"format": "stdio", "cases": [{"input": "", "output": ""}]}}]}
                """)
                .jsonPath("$.results[0].reward").isEqualTo(2.0)
                .jsonPath("$.results[0].components.accuracy.status").isEqualTo("accepted");
    }

    @Test
    void badRequestsAreProblems() {
        client.post().uri("/v1/rewards").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"profile\": \"nope\", \"samples\": [{\"response\": \"x\"}]}")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("profile"));
        client.post().uri("/v1/rewards").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"samples\": [{\"gold\": \"1\"}]}")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("response"));
        client.get().uri("/v1/profiles").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.profiles[?(@.name == 'r1')].weights.language").isEqualTo(0.1);
    }

    /** The payload exactly as OpenRLHF's remote reward client builds it: templated prompt + response + special tokens. */
    @Test
    void openRlhfAdapter() {
        String prompt = "<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n<|im_start|>user\\n"
                + "What is 6*7?<|im_end|>\\n<|im_start|>assistant\\n";
        String response = "<think>6*7=42</think><answer>42</answer>";
        post("/openrlhf/reward?profile=r1_zero", "{\"query\": [\"" + prompt + response + "<|im_end|>\\n<|endoftext|>\"],"
                + " \"prompts\": [\"" + prompt + "\"], \"labels\": [\"42\"]}")
                .jsonPath("$.rewards[0]").isEqualTo(2.0)
                .jsonPath("$.scores[0]").isEqualTo(1.0)
                .jsonPath("$.extra_logs.accuracy[0]").isEqualTo(1.0)
                .jsonPath("$.extra_logs.format[0]").isEqualTo(1.0);
        post("/get_reward", "{\"query\": [], \"prompts\": [], \"labels\": []}")
                .jsonPath("$.rewards").isEmpty();
        post("/get_reward?profile=code", "{\"query\": [\"<answer>pass</answer>\"], \"prompts\": [\"\"], \"labels\": "
                + "[\"{\\\"task\\\": \\\"code\\\", \\\"tests\\\": {\\\"format\\\": \\\"stdio\\\", \\\"cases\\\": []}}\"]}")
                .jsonPath("$.rewards[0]").isEqualTo(2.0);
    }

    @Test
    void slimeAdapter() {
        post("/slime/reward?profile=r1_zero", """
                {"prompt": "What is 2+2?", "response": "<think>4</think><answer>4</answer></s>", "label": "4"}
                """)
                .jsonPath("$.reward").isEqualTo(2.0)
                .jsonPath("$.components.accuracy.status").isEqualTo("correct");
    }
}
