package dev.rewards.code.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.rewards.code.Sandbox;
import dev.rewards.code.docker.DockerSandbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * veRL's SandboxFusion client at its defaults against the real service and real sandboxes: {@code max_concurrent}
 * 64 requests in flight, {@code compile_timeout} = {@code run_timeout} = 10 s, an HTTP timeout of
 * {@code compile_timeout + run_timeout + 10} s, up to three tries of which only a 504 is retried (after 1 s, then 2 s),
 * and a case passes when {@code status} is Success, {@code run_result.status} Finished and stdout matches with
 * trailing newlines stripped ({@code verl/utils/reward_score/sandbox_fusion/utils.py}). Every correct program must
 * pass: anything else is result -1, a correct sample scored as wrong. The service runs with its defaults (pool of 4
 * per language, as many jobs at once as the engine has CPUs), so on the 2-core reference machine 62 of the 64
 * requests queue. It is warm first, as a service is by the time a trainer reaches its reward step.
 */
// Closed after the class, so its 20 warm containers go at once instead of at the end of the test JVM.
@org.springframework.test.annotation.DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "rewards.code.image-tag=${REWARDS_VERSION:0.1.0-SNAPSHOT}",
        "rewards.code.instance-id=it-sandbox-fusion-load"})
class SandboxFusionLoadIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_CONCURRENT = 64;
    private static final int REQUESTS = 64;
    private static final int TIMEOUT_S = 10;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(TIMEOUT_S + TIMEOUT_S + 10);

    @Value("${local.server.port}")
    private int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Correct programs of several shapes: arithmetic on stdin, a loop of real work, many lines of output. */
    private static Map.Entry<String, String[]> program(int i) {
        return switch (i % 3) {
            case 0 -> Map.entry("a, b = map(int, input().split())\nprint(a + b)\n",
                    new String[] {i + " " + (i * 7), String.valueOf(i + i * 7)});
            case 1 -> Map.entry("n = int(input())\nprint(sum(k * k for k in range(n)))\n",
                    new String[] {String.valueOf(20000 + i), String.valueOf(squares(20000 + i))});
            default -> Map.entry("import sys\nn = int(sys.stdin.readline())\nfor k in range(n):\n    print(k)\n",
                    new String[] {String.valueOf(i), lines(i)});
        };
    }

    private static long squares(long n) {
        return (n - 1) * n * (2 * n - 1) / 6;
    }

    private static String lines(int n) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < n; k++) {
            out.append(k).append('\n');
        }
        return out.toString();
    }

    /** One test case the way veRL's {@code _process_single_case} judges it: true, or why not. */
    private String verlCase(int i, AtomicInteger gatewayTimeouts, AtomicLong slowestMs) throws Exception {
        Map.Entry<String, String[]> program = program(i);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("compile_timeout", TIMEOUT_S);
        body.put("run_timeout", TIMEOUT_S);
        body.put("code", program.getKey());
        body.put("stdin", program.getValue()[0]);
        body.put("language", "python");
        body.put("files", Map.of());
        body.put("fetch_files", List.of());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/run_code"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .timeout(CLIENT_TIMEOUT).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        for (int attempt = 0; attempt < 3; attempt++) {
            long started = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                return "case " + i + ": no answer within veRL's " + CLIENT_TIMEOUT.toSeconds() + " s";
            }
            slowestMs.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
            if (response.statusCode() == 504) {
                gatewayTimeouts.incrementAndGet();
                if (attempt < 2) {
                    Thread.sleep(1000L * (attempt + 1));
                }
                continue;
            }
            if (response.statusCode() != 200) {
                return "case " + i + ": HTTP " + response.statusCode() + " " + response.body();
            }
            JsonNode reply = JSON.readTree(response.body());
            JsonNode run = reply.path("run_result");
            String stdout = run.path("stdout").asString("");
            boolean passed = reply.path("status").asString("").equals("Success")
                    && run.path("status").asString("").equals("Finished")
                    && stripNewlines(stdout).equals(stripNewlines(program.getValue()[1]));
            return passed ? null : "case " + i + ": " + response.body();
        }
        return "case " + i + ": three 504s in a row";
    }

    private static String stripNewlines(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        return text.substring(0, end);
    }

    @Autowired
    private Sandbox sandbox;

    private void awaitWarmPythonPool() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            Map<?, ?> python = (Map<?, ?>) ((DockerSandbox) sandbox).describe().get("python");
            if (((Number) python.get("warm")).intValue() >= 4) {
                break;
            }
            assertThat(System.nanoTime()).as("the python pool warm: " + python).isLessThan(deadline);
            Thread.sleep(500);
        }
        assertThat(verlCase(0, new AtomicInteger(), new AtomicLong())).as("a first run").isNull();
    }

    @Test
    void everyCorrectProgramPassesAtVerlsDefaultConcurrency() throws Exception {
        awaitWarmPythonPool();
        AtomicInteger gatewayTimeouts = new AtomicInteger();
        AtomicLong slowestMs = new AtomicLong();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(MAX_CONCURRENT);
        try {
            List<Future<String>> cases = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int index = i;
                cases.add(clients.submit(() -> verlCase(index, gatewayTimeouts, slowestMs)));
            }
            for (Future<String> outcome : cases) {
                String failure = outcome.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.printf("SandboxFusion load: %d requests, %d in flight, %.1f s, slowest answer %d ms, %d 504s%n",
                REQUESTS, MAX_CONCURRENT, (System.nanoTime() - started) / 1e9, slowestMs.get(), gatewayTimeouts.get());
        assertThat(failures).as("correct programs that veRL would score -1 or false").isEmpty();
        assertThat(slowestMs.get()).as("every answer within veRL's client timeout")
                .isLessThan(CLIENT_TIMEOUT.toMillis());
    }
}
