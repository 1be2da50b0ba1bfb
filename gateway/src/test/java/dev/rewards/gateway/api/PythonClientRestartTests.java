package dev.rewards.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole chain a TRL or veRL step goes through, with the real Python client calling this gateway exactly as the
 * trainers' reward functions do: the math-verifier restarts (503 until it is ready, the gateway's circuit opens and
 * answers 503 with Retry-After) and comes back; the step's calls wait it out and get real rewards. Timings are
 * scaled down (an 8 s outage, 2 s open circuit) from the real ≈20 s + 10 s; the client runs with its default budget.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rewards.gateway.retry-backoff=50ms", "rewards.gateway.open-state-wait=2s",
                "rewards.gateway.minimum-calls=2"})
class PythonClientRestartTests {

    private static final FakeVerifiers VERIFIERS = new FakeVerifiers();
    private static final Path CLIENT = Path.of("..", "clients", "python").toAbsolutePath().normalize();
    private static final String STEP = """
            import json, logging, time, rewards_client
            logging.basicConfig(level=logging.WARNING, format="%(name)s %(message)s")
            started = time.monotonic()
            verl = rewards_client.verl_compute_score(data_source="openai/gsm8k",
                solution_str="<think>2+2=4</think> <answer>4</answer>", ground_truth="4", extra_info={"profile": "r1"})
            trl = rewards_client.trl_reward_func(profile="r1")(prompts=["2+2?"], completions=[[{"role": "assistant",
                "reasoning_content": "2+2=4", "content": "<answer>4</answer>"}]], gold=["4"], trainer_state=None)
            print(json.dumps({"verl": verl, "trl": trl, "seconds": time.monotonic() - started}))
            """;

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

    @Test
    void aVerifierRestartMidStepDoesNotCrashTheStep() throws IOException, InterruptedException {
        assertThat(CLIENT.resolve("rewards_client/__init__.py")).exists();
        VERIFIERS.restart.put("/v1/math/verify/batch", Duration.ofSeconds(8));
        ProcessBuilder builder = new ProcessBuilder("python3", "-c", STEP);
        builder.environment().put("PYTHONPATH", CLIENT.toString());
        builder.environment().put("REWARDS_URL", "http://127.0.0.1:" + port);
        builder.environment().remove("REWARDS_RETRY_BUDGET");
        Path log = Files.createTempFile("python-client", ".log");
        Process python = builder.redirectError(log.toFile()).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(log);
        Files.delete(log);
        assertThat(python.exitValue()).as(err).isZero();
        assertThat(out).as(err).contains("\"trl\": [2.1]").contains("\"score\": 2.1").contains("\"scorable\": 1.0")
                .contains("\"not_applicable\": 1.0");
        double seconds = Double.parseDouble(out.replaceAll("(?s).*\"seconds\": ([0-9.]+).*", "$1"));
        assertThat(seconds).as("the step waited for the restart").isGreaterThanOrEqualTo(7.0);
        assertThat(err).as("stdout: " + out).contains("rewards_client", "503", "retry budget left");
        assertThat(VERIFIERS.calls("/v1/math/verify/batch")).isGreaterThan(1);
    }
}
