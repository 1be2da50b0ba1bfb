package dev.rewards.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each trainer's call exactly as its own reward code makes it (trainers.md §9), and what it must get back: numbers
 * where it cannot take null, the same keys for every sample, the task score where it filters on it — and the one
 * reward rule (not applicable counts as fully consistent; cannot be scored is never a fabricated reward).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rewards.gateway.retry-backoff=10ms", "rewards.gateway.open-state-wait=1h",
                "rewards.gateway.minimum-calls=100", "rewards.gateway.deadline=6s"})
class TrainerProtocolTests {

    private static final FakeVerifiers VERIFIERS = new FakeVerifiers();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHATML_PROMPT = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
            + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n";

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

    private JsonNode post(String path, Object body) {
        byte[] bytes = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsString(body))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(bytes);
    }

    /** The README's own example: a formulas-only think block is not applicable for language, not unknown. */
    @Test
    void readmeExampleWithProfileR1GetsARealReward() {
        JsonNode result = post("/v1/rewards", Map.of("profile", "r1", "samples", List.of(
                Map.of("response", "<think>2+2=4</think> <answer>4</answer>", "gold", "4")))).get("results").get(0);
        assertThat(result.get("reward").asDouble()).isEqualTo(2.1);
        assertThat(result.at("/components/language/status").asString()).isEqualTo("not_applicable");
        assertThat(result.at("/components/language/score").asDouble()).isEqualTo(1.0);
        assertThat(result.at("/components/language/detail/status").asString()).isEqualTo("no_words");
    }

    /** Not applicable and cannot be scored are kept apart on every endpoint. */
    @Test
    void notApplicableIsScoredAndCannotBeScoredIsNull() {
        JsonNode results = post("/v1/rewards", Map.of("profile", "r1", "samples", List.of(
                Map.of("response", "<think>12*3=36</think><answer>36</answer>", "gold", "36"),
                Map.of("response", "<think>12*3=36</think><answer>36</answer>", "gold", "INVALID"),
                Map.of("response", "<think>so twelve</think><answer>36</answer>", "gold", "36")))).get("results");
        assertThat(results.get(0).get("reward").asDouble()).isEqualTo(2.1);
        assertThat(results.get(1).get("reward").isNull()).isTrue();
        assertThat(results.get(1).at("/components/accuracy/status").asString()).isEqualTo("invalid_gold");
        // Same scale within a GRPO group: no words (1.0) and consistent words (0.9) differ by the language share only.
        assertThat(results.get(2).get("reward").asDouble()).isCloseTo(2.09, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** An <answer> block written inside the reasoning is not the answer (shared splitter). */
    @Test
    void anAnswerBlockInsideTheReasoningIsNotTheAnswer() {
        JsonNode results = post("/v1/rewards", Map.of("profile", "r1_zero", "samples", List.of(
                Map.of("response", "<think>guess <answer>42</answer>, no</think> The answer is 41.", "gold", "42"),
                Map.of("response", "<think>try \\boxed{42}</think>", "gold", "42"),
                Map.of("response", "<think>still thinking <answer>42</answer>", "gold", "42")))).get("results");
        for (JsonNode result : results) {
            assertThat(result.at("/components/accuracy/status").asString()).isEqualTo("wrong");
        }
        assertThat(VERIFIERS.received.get("/v1/math/verify/batch")).extracting(item -> item.get("response"))
                .containsExactly(" The answer is 41.", "");
    }

    /** OpenRLHF _fetch_rewards_via_http: one sample per request, special tokens kept, labels from --data.label_key. */
    @Test
    void openRlhfScoresAreTheTaskScoreAndRewardsTheComposite() {
        List<String> responses = List.of("<think>two and two</think><answer>5</answer>",
                "<think>two and two</think><answer>3</answer>", "<think>2+2=4</think><answer>4</answer>",
                "<think>add</think><answer>4</answer>");
        List<Object> labels = List.of("4", "4", "4", "INVALID");
        double[] rewards = new double[4];
        double[] scores = new double[4];
        for (int i = 0; i < responses.size(); i++) {
            JsonNode answer = post("/get_reward?profile=r1", Map.of("query",
                    List.of(CHATML_PROMPT + responses.get(i) + "<|im_end|>\n<|endoftext|>"), "prompts",
                    List.of(CHATML_PROMPT), "labels", List.of(labels.get(i))));
            rewards[i] = answer.get("rewards").get(0).asDouble();
            scores[i] = answer.get("scores").get(0).asDouble();
            // extra_logs go through torch.tensor([value]): numbers only, one per query, same keys every time.
            assertThat(answer.get("extra_logs").propertyNames()).containsExactly("accuracy", "format", "language",
                    "not_applicable", "unscorable");
            answer.get("extra_logs").forEach(values -> {
                assertThat(values.size()).isEqualTo(1);
                assertThat(values.get(0).isNumber()).isTrue();
            });
            assertThat(answer.get("extra_logs").get("unscorable").get(0).asDouble()).isEqualTo(i == 3 ? 1.0 : 0.0);
            assertThat(answer.get("extra_logs").get("not_applicable").get(0).asDouble()).isEqualTo(i == 2 ? 1.0 : 0.0);
        }
        // A wrong but well-formatted pair scores 0: dynamic filtering ((0, 1) exclusive) drops an all-wrong group.
        assertThat(scores).containsExactly(0.0, 0.0, 1.0, 0.0);
        assertThat(rewards[0]).isCloseTo(1.09, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rewards[2]).isEqualTo(2.1);
        assertThat(rewards[3]).isEqualTo(0.0);
        // The other endpoints of --reward.remote_url a,b get empty lists and must answer 200.
        assertThat(post("/get_reward", Map.of("query", List.of(), "prompts", List.of(), "labels", List.of()))
                .get("rewards").size()).isZero();
    }

    /** A code ground truth as veRL/OpenRLHF data carries it ({"inputs", "outputs"}) is a code task, not a math gold. */
    @Test
    void codeGroundTruthLabelsBecomeCodeTasks() {
        String label = "{\"inputs\": [\"1\\n\"], \"outputs\": [\"2\\n\"]}";
        JsonNode answer = post("/get_reward?profile=code", Map.of("query", List.of("<think>t</think><answer>pass</answer>"),
                "prompts", List.of(""), "labels", List.of(label)));
        assertThat(answer.get("rewards").get(0).asDouble()).isEqualTo(2.0);
        assertThat(VERIFIERS.received.get("/v1/code/verify/batch")).hasSize(1);
        assertThat(VERIFIERS.received.get("/v1/code/verify/batch").get(0).get("tests"))
                .isEqualTo(Map.of("inputs", List.of("1\n"), "outputs", List.of("2\n")));
        assertThat(VERIFIERS.received.get("/v1/math/verify/batch")).isNull();
    }

    /** slime remote_rm with --reward-key reward: a number under "reward" always, list-of-messages prompts accepted. */
    @Test
    void slimeAlwaysGetsANumberUnderReward() {
        List<Map<String, String>> messages = List.of(Map.of("role", "user", "content", "What is 2+2?"));
        JsonNode correct = post("/slime/reward?profile=r1", Map.of("prompt", messages,
                "response", "<think>2+2=4</think><answer>4</answer><|im_end|>", "label", "4"));
        assertThat(correct.get("reward").isNumber()).isTrue();
        assertThat(correct.get("reward").asDouble()).isEqualTo(2.1);
        assertThat(correct.get("status").asString()).isEqualTo("scored");
        JsonNode unscorable = post("/slime/reward?profile=r1", Map.of("prompt", "What is 2+2?",
                "response", "<think>add</think><answer>4</answer>", "label", "INVALID"));
        assertThat(unscorable.get("reward").isNumber()).isTrue();
        assertThat(unscorable.get("reward").asDouble()).isEqualTo(0.0);
        assertThat(unscorable.get("status").asString()).isEqualTo("unscorable");
        JsonNode wrong = post("/slime/reward?profile=r1", Map.of("prompt", messages,
                "response", "<think>add</think><answer>5</answer>", "label", Map.of("gold", "4")));
        assertThat(wrong.get("score").asDouble()).isEqualTo(0.0);
        assertThat(wrong.get("reward").asDouble()).isCloseTo(1.09, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** A verifier restarting for a few seconds: the trainer adapters wait it out instead of failing the step. */
    @Test
    void trainerAdaptersWaitOutAShortVerifierOutage() {
        VERIFIERS.failing.put("/v1/math/verify/batch", 503);
        VERIFIERS.failCalls.put("/v1/math/verify/batch", 4);
        VERIFIERS.retryAfter.put("/v1/math/verify/batch", "0");
        JsonNode answer = post("/get_reward?profile=r1_zero", Map.of("query", List.of("<think>a</think><answer>4</answer>"),
                "prompts", List.of(""), "labels", List.of("4")));
        assertThat(answer.get("rewards").get(0).asDouble()).isEqualTo(2.0);
        assertThat(VERIFIERS.calls("/v1/math/verify/batch")).isEqualTo(5);
    }
}
