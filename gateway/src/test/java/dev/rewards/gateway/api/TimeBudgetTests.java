package dev.rewards.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.rewards.gateway.Verifier;
import dev.rewards.gateway.client.VerifierClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One time budget per request: attempts get only the time left, retries wait what Retry-After asks and are never
 * spent on a verifier's deadline-exceeded 503, and back-pressure (429) is not a failure for the circuit breaker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rewards.gateway.retry-backoff=10ms", "rewards.gateway.retry-attempts=3",
                "rewards.gateway.open-state-wait=1h", "rewards.gateway.minimum-calls=100"})
class TimeBudgetTests {

    private static final FakeVerifiers VERIFIERS = new FakeVerifiers();
    private static final String MATH = "/v1/math/verify/batch";
    private static final String ONE_SAMPLE = """
            {"profile": "r1_zero", "on_error": "null", %s "samples": [
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
    @Autowired
    private VerifierClient verifierClient;
    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;
    private WebTestClient client;

    @BeforeEach
    void connect() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        VERIFIERS.reset();
    }

    private WebTestClient.BodyContentSpec post(String extra) {
        return client.post().uri("/v1/rewards").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ONE_SAMPLE.formatted(extra)).exchange().expectStatus().isOk()
                .expectHeader().exists(RequestIdFilter.HEADER).expectBody();
    }

    @Test
    void aRetryWaitsWhatRetryAfterAsks() {
        VERIFIERS.failing.put(MATH, 503);
        VERIFIERS.failCalls.put(MATH, 1);
        VERIFIERS.retryAfter.put(MATH, "1");
        post("").jsonPath("$.results[0].reward").isEqualTo(2.0);
        List<Long> calls = VERIFIERS.callTimes.get(MATH);
        assertThat(calls).hasSize(2);
        assertThat(Duration.ofNanos(calls.get(1) - calls.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aRetryAfterBeyondTheDeadlineIsNotWaitedFor() {
        VERIFIERS.failing.put(MATH, 503);
        VERIFIERS.retryAfter.put(MATH, "30");
        long started = System.nanoTime();
        post("\"deadline_ms\": 2000,").jsonPath("$.results[0].reward").isEmpty()
                .jsonPath("$.results[0].components.accuracy.status").isEqualTo("unavailable");
        assertThat(VERIFIERS.calls(MATH)).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aVerifiersDeadlineExceeded503IsNotRetried() {
        VERIFIERS.failing.put(MATH, 503);
        VERIFIERS.problemReason.put(MATH, "deadline_exceeded");
        post("").jsonPath("$.results[0].reward").isEmpty()
                .jsonPath("$.results[0].components.accuracy.detail.error")
                .value(error -> assertThat((String) error).contains("deadline exceeded"));
        assertThat(VERIFIERS.calls(MATH)).isEqualTo(1);
        VERIFIERS.problemReason.clear();
        post("").jsonPath("$.results[0].reward").isEmpty();
        assertThat(VERIFIERS.calls(MATH)).as("a plain 503 is retried").isEqualTo(1 + 3);
    }

    @Test
    void everyAttemptGetsOnlyTheTimeLeft() {
        VERIFIERS.delays.put(MATH, Duration.ofSeconds(5));
        long started = System.nanoTime();
        post("\"deadline_ms\": 700,").jsonPath("$.results[0].reward").isEmpty()
                .jsonPath("$.results[0].components.accuracy.detail.error")
                .value(error -> assertThat((String) error).contains("deadline"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(650)).isLessThan(Duration.ofMillis(2500));
        assertThat(VERIFIERS.calls(MATH)).as("no attempt after the deadline").isEqualTo(1);
    }

    /** The verifier clients come from Spring Boot's WebClient.Builder, so every downstream call is measured. */
    @Test
    void downstreamCallsAreMeasuredAsHttpClientRequests() {
        post("").jsonPath("$.results[0].reward").isEqualTo(2.0);
        assertThat(meters.find("http.client.requests").tag("uri", MATH).timer()).isNotNull()
                .satisfies(timer -> assertThat(timer.count()).isPositive());
    }

    @Test
    void backPressureIsNotAFailureForTheCircuitBreaker() {
        int before = verifierClient.failedCalls(Verifier.MATH);
        VERIFIERS.failing.put(MATH, 429);
        VERIFIERS.retryAfter.put(MATH, "0");
        for (int i = 0; i < 3; i++) {
            post("").jsonPath("$.results[0].reward").isEmpty();
        }
        assertThat(VERIFIERS.calls(MATH)).isEqualTo(9);
        assertThat(verifierClient.failedCalls(Verifier.MATH)).isEqualTo(before);
        VERIFIERS.failing.put(MATH, 500);
        post("").jsonPath("$.results[0].reward").isEmpty();
        assertThat(verifierClient.failedCalls(Verifier.MATH)).as("an outage is").isEqualTo(before + 1);
    }
}
