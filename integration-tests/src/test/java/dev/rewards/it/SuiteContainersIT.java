package dev.rewards.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Volume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite as containers of its own images on one network, driven over HTTP only — through the gateway, plus the
 * code-verifier's SandboxFusion endpoint. Expected rewards come from the labelled corpora (copies in the modules'
 * test resources, provenance beside them). The fault test runs last: it kills the math-verifier's container under load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteContainersIT {

    private static final String[] SERVICES = {"math-verifier", "code-verifier", "format-checker",
            "language-consistency", "gateway"};
    // the engine may be shared with other test runs: only this suite's code-verifier's containers count
    private static final String SANDBOX_OWNER = "it-suite-" + UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
    private static Network network;

    @BeforeAll
    static void startSuite() throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        ExecutorService builds = Executors.newFixedThreadPool(2);
        Map<String, Future<String>> images = new LinkedHashMap<>();
        for (String service : SERVICES) {
            images.put(service, builds.submit(() -> ServiceContainers.build(service)));
        }
        network = Network.newNetwork();
        for (String service : SERVICES) {
            GenericContainer<?> container = ServiceContainers.container(service, images.get(service).get(), network,
                    service.equals("code-verifier") || service.equals("language-consistency") ? 1024 : 768);
            containers.put(service, container);
        }
        builds.shutdown();
        int socketGroup = (Integer) Files.getAttribute(Path.of("/var/run/docker.sock"), "unix:gid");
        // A raw bind rather than withFileSystemBind: that one first checks file mounting by running an alpine
        // container, which an offline host has to pull for two minutes before it gives up.
        containers.get("code-verifier")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withBinds(new Bind("/var/run/docker.sock", new Volume("/var/run/docker.sock")))
                        .withGroupAdd(List.of(String.valueOf(socketGroup))))
                .withEnv("REWARDS_CODE_POOL_SIZE", "2")
                .withEnv("REWARDS_CODE_INSTANCE_ID", SANDBOX_OWNER);
        containers.get("gateway")
                .withEnv("REWARDS_GATEWAY_MATH_URL", "http://math-verifier:8081")
                .withEnv("REWARDS_GATEWAY_CODE_URL", "http://code-verifier:8082")
                .withEnv("REWARDS_GATEWAY_FORMAT_URL", "http://format-checker:8083")
                .withEnv("REWARDS_GATEWAY_LANGUAGE_URL", "http://language-consistency:8084")
                .withEnv("REWARDS_GATEWAY_OPEN_STATE_WAIT", "3s")
                .withEnv("REWARDS_GATEWAY_RETRY_BACKOFF", "100ms");
        ExecutorService starts = Executors.newFixedThreadPool(4);
        List<Future<?>> started = new ArrayList<>();
        for (String service : SERVICES) {
            if (!service.equals("gateway")) {
                started.add(starts.submit(() -> containers.get(service).start()));
            }
        }
        for (Future<?> future : started) {
            future.get();
        }
        starts.shutdown();
        containers.get("gateway").start();
        assertThat(docker.pingCmd()).isNotNull();
    }

    @AfterAll
    static void stopSuite() {
        DockerClient docker = DockerClientFactory.instance().client();
        GenericContainer<?> code = containers.get("code-verifier");
        try {
            if (code != null && code.isRunning()) {
                // a graceful stop, as an orchestrator does it: the code-verifier removes its sandbox containers
                docker.stopContainerCmd(code.getContainerId()).withTimeout(30).exec();
            }
            List<Container> left = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("dev.rewards.sandbox.owner", SANDBOX_OWNER)).exec();
            assertThat(left).as("sandbox containers left after the suite stopped").isEmpty();
        } finally {
            containers.values().forEach(GenericContainer::stop);
            if (network != null) {
                network.close();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- health

    @Test
    @Order(1)
    void everyServiceIsLiveAndExportsMetrics() throws Exception {
        for (String service : SERVICES) {
            assertThat(get(service, "/actuator/health/liveness").statusCode()).as(service).isEqualTo(200);
            assertThat(get(service, "/actuator/prometheus").body()).as(service).contains("jvm_memory_used_bytes");
        }
        assertThat(get("code-verifier", "/v1/code/languages").body()).contains("python", "cpp", "java");
    }

    // ---------------------------------------------------------------------------------------------- math, format, language

    private record Expected(String kind, double accuracy, double format, double languageMin, double languageMax) {
    }

    @Test
    @Order(2)
    void mixedBatchThroughR1MatchesTheCorpora() throws Exception {
        List<Map<String, Object>> samples = new ArrayList<>();
        List<Expected> expected = new ArrayList<>();
        // math: 16 responses per gold; English or Chinese reasoning, valid or broken template, the corpus's answer
        for (JsonNode c : mathCases(8)) {
            for (int r = 0; r < 16; r++) {
                boolean chinese = r % 4 == 3;
                boolean valid = r % 8 != 7;
                String think = chinese ? "我们先化简这个表达式，然后仔细检查每一步的计算结果是否正确。第" + r + "次检查。"
                        : "We simplify the expression first and then check every step of the computation again, pass " + r + ".";
                String response = valid ? "<think>\n" + think + "\n</think>\n<answer>\n" + c.get("pred").asString() + "\n</answer>"
                        : "<think>\n" + think + "\n</think>\n" + c.get("pred").asString();
                samples.add(Map.of("id", "math-" + c.get("id").asInt() + "-" + r, "response", response,
                        "gold", c.get("gold").asString()));
                expected.add(new Expected("math", c.get("expected").asBoolean() ? 1 : 0, valid ? 1 : 0,
                        chinese ? 0 : 0.9, chinese ? 0.5 : 1));
            }
        }
        // format: the corpus's completions, no accuracy component (task none)
        for (JsonNode row : jsonl("format-checker/src/test/resources/corpus/format-cases.jsonl")) {
            samples.add(Map.of("id", "format-" + samples.size(), "response", row.get("completion").asString()));
            expected.add(new Expected("format", Double.NaN, row.get("expected_format_ok").asBoolean() ? 1 : 0, 0, 1));
        }
        // language: the corpus's texts as reasoning, scored against their target language
        for (JsonNode row : jsonl("language-consistency/src/test/resources/corpus/language-cases.jsonl")) {
            double ratio = row.get("expected_ratio_approx").asDouble();
            double tolerance = row.get("tolerance").asDouble();
            samples.add(Map.of("id", "language-" + samples.size(), "response",
                    "<think>\n" + row.get("text").asString() + "\n</think>\n<answer>\nx\n</answer>",
                    "target_language", row.get("target").asString()));
            expected.add(new Expected("language", Double.NaN, 1, ratio - tolerance, ratio + tolerance));
        }

        JsonNode body = rewards(Map.of("profile", "r1", "samples", samples), 200);
        JsonNode results = body.get("results");
        assertThat(results).hasSize(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            JsonNode result = results.get(i);
            Expected want = expected.get(i);
            String id = (String) samples.get(i).get("id");
            assertThat(result.get("index").asInt()).isEqualTo(i);
            JsonNode components = result.get("components");
            double format = components.get("format").get("score").asDouble();
            double language = components.get("language").get("score").asDouble();
            assertThat(format).as(id + " format").isEqualTo(want.format());
            assertThat(language).as(id + " language").isBetween(want.languageMin(), want.languageMax());
            double accuracy = 0;
            if (!Double.isNaN(want.accuracy())) {
                accuracy = components.get("accuracy").get("score").asDouble();
                assertThat(accuracy).as(id + " accuracy").isEqualTo(want.accuracy());
            } else {
                assertThat(components.has("accuracy")).as(id + " has no accuracy component").isFalse();
            }
            assertThat(result.get("reward").asDouble()).as(id + " reward = accuracy + format + 0.1 × language")
                    .isCloseTo(accuracy + format + 0.1 * language, within(1e-9));
        }
    }

    /** Labelled pairs under default options, skipping the disputed ones and those the math corpus test lists as known misses. */
    private static List<JsonNode> mathCases(int count) throws IOException {
        Set<Integer> knownMisses = Set.of(62, 131, 134, 143, 164, 188, 192, 198, 204, 219, 239, 252, 261, 315, 377,
                384, 393, 402, 403, 422, 423, 424, 441, 460);
        List<JsonNode> positive = new ArrayList<>();
        List<JsonNode> negative = new ArrayList<>();
        for (JsonNode c : jsonl("math-verifier/src/test/resources/corpus/math-cases.jsonl")) {
            boolean plain = !c.has("options") || c.get("options").isNull() || c.get("options").isEmpty();
            if (!plain || (c.hasNonNull("disputed") && !c.get("disputed").asString().isEmpty()) || knownMisses.contains(c.get("id").asInt())) {
                continue;
            }
            (c.get("expected").asBoolean() ? positive : negative).add(c);
        }
        List<JsonNode> chosen = new ArrayList<>();
        for (int i = 0; chosen.size() < count && (i < positive.size() || i < negative.size()); i++) {
            if (i < positive.size()) {
                chosen.add(positive.get(i * 7 % positive.size()));
            }
            if (i < negative.size() && chosen.size() < count) {
                chosen.add(negative.get(i * 5 % negative.size()));
            }
        }
        return chosen;
    }

    // ---------------------------------------------------------------------------------------------- code

    @Test
    @Order(3)
    void codeTasksInFourLanguagesThroughTheCodeProfile() throws Exception {
        List<Map<String, Object>> samples = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        for (JsonNode task : jsonl("code-verifier/src/test/resources/corpus/code/stdio/tasks.jsonl")) {
            if (!task.get("task_id").asString().startsWith("kattis/different#")) {
                continue;
            }
            List<Map<String, Object>> cases = new ArrayList<>();
            task.get("tests").forEach(t -> cases.add(Map.of("input", t.get("input").asString(),
                    "output", t.get("output").asString())));
            Map<String, Object> tests = Map.of("format", "stdio", "cases", cases);
            String language = task.get("language").asString();
            String fence = language.equals("cpp") ? "cpp" : language;
            samples.add(Map.of("id", task.get("task_id").asString(), "language", language, "tests", tests,
                    "response", "<think>\nRead pairs until the end of input and print |a - b|.\n</think>\n<answer>\n```"
                            + fence + "\n" + task.get("solution").asString() + "\n```\n</answer>"));
            accuracy.add(1.0);
            samples.add(Map.of("id", task.get("task_id").asString() + "#wrong", "language", "python", "tests", tests,
                    "response", "<think>\nGuess.\n</think>\n<answer>\n```python\nprint(0)\n```\n</answer>"));
            accuracy.add(0.0);
        }
        assertThat(samples).hasSizeGreaterThanOrEqualTo(8);
        JsonNode results = rewards(Map.of("profile", "code", "samples", samples), 200).get("results");
        for (int i = 0; i < samples.size(); i++) {
            assertThat(results.get(i).get("components").get("accuracy").get("score").asDouble())
                    .as(samples.get(i).get("id") + " " + results.get(i)).isEqualTo(accuracy.get(i));
            assertThat(results.get(i).get("reward").asDouble()).isEqualTo(accuracy.get(i) + 1.0);
        }
    }

    @Test
    @Order(4)
    void sandboxFusionRunCodeOnTheCodeVerifier() throws Exception {
        HttpResponse<String> response = post("code-verifier", "/run_code", JSON.writeValueAsString(Map.of(
                "code", "import sys\nprint(sum(map(int, sys.stdin.read().split())))", "language", "python",
                "stdin", "1 2 3\n")));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asString()).isEqualTo("Success");
        assertThat(body.get("run_result").get("stdout").asString()).isEqualTo("6\n");
    }

    // ---------------------------------------------------------------------------------------------- trainer adapter

    @Test
    @Order(5)
    void openRlhfPayloadAsOpenRlhfBuildsIt() throws Exception {
        String prompt = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n"
                + "What is 6 times 7? Put the final answer in \\boxed{}.<|im_end|>\n<|im_start|>assistant\n";
        String right = "<think>\nSix times seven is forty-two.\n</think>\n<answer>\n\\boxed{42}\n</answer><|im_end|>";
        String wrong = "<think>\nSix times seven is forty-eight.\n</think>\n<answer>\n\\boxed{48}\n</answer><|im_end|><|endoftext|>";
        Map<String, Object> payload = Map.of("query", List.of(prompt + right, prompt + wrong),
                "prompts", List.of(prompt, prompt), "labels", List.of("42", "42"));
        HttpResponse<String> response = post("gateway", "/openrlhf/reward?profile=r1_zero",
                JSON.writeValueAsString(payload));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("rewards").get(0).asDouble()).isEqualTo(2.0);
        assertThat(body.get("rewards").get(1).asDouble()).isEqualTo(1.0);
        body.get("scores").forEach(score -> assertThat(score.asDouble()).isBetween(0.0, 1.0));
        assertThat(body.get("extra_logs").get("accuracy").get(0).asDouble()).isEqualTo(1.0);
        assertThat(body.get("extra_logs").get("accuracy").get(1).asDouble()).isEqualTo(0.0);
    }

    @Test
    @Order(6)
    void aBadBodyIsA400Problem() throws Exception {
        HttpResponse<String> response = post("gateway", "/v1/rewards", "{\"samples\": [");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> missing = post("gateway", "/v1/rewards", "{\"samples\": [{\"gold\": \"1\"}]}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("response");
    }

    // ---------------------------------------------------------------------------------------------- soak

    /** The CI form of ./rewards soak: one minute of the realistic mix, every request answered in full. */
    @Test
    @Order(50)
    void aOneMinuteSoakServesEverythingWithoutErrorsOrGrowth() throws Exception {
        Map<String, String> services = new LinkedHashMap<>();
        for (String service : SERVICES) {
            services.put(service, uri(service, "").toString());
        }
        Soak.Report report = new Soak(new Soak.Settings(services.get("gateway"), services, Duration.ofMinutes(1), 3.0,
                ServiceContainers.ROOT, "dev.rewards.sandbox.owner=" + SANDBOX_OWNER)).run();
        System.out.print(Soak.table(report));
        assertThat(report.errors()).as(String.join("\n", report.errorExamples())).isZero();
        assertThat(report.requests()).isGreaterThanOrEqualTo(170);
        assertThat(report.end().sandboxContainers()).as("sandbox containers stay within the pools (2 × 5 languages)")
                .isLessThanOrEqualTo(10);
        for (String service : SERVICES) {
            assertThat(report.end().threads().get(service)).as(service + " live threads")
                    .isLessThanOrEqualTo(report.start().threads().get(service) + 40);
            assertThat(report.end().heapMb().get(service)).as(service + " heap MB (no GC forced: a loose bound)")
                    .isLessThanOrEqualTo(report.start().heapMb().get(service) + 400);
        }
    }

    // ---------------------------------------------------------------------------------------------- faults

    /**
     * The math-verifier is killed (SIGKILL) while four clients keep sending r1_zero batches, half with on_error=null
     * and half with on_error=fail. Every answer during the outage must be a correct reward, a null marked unavailable
     * (null mode) or a 503 problem (fail mode) — never a fabricated score; the circuit opens; and once the restarted
     * verifier is ready, full service returns within 30 s.
     */
    @Test
    @Order(100)
    void aMathVerifierKilledUnderLoadGivesNullsOr503ThenFullServiceWithin30sOfItsReturn() throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        String mathId = containers.get("math-verifier").getContainerId();
        List<Map<String, Object>> batch = List.of(
                Map.of("id", "m1", "response", "<think>\nAdd.\n</think>\n<answer>\n\\boxed{4}\n</answer>", "gold", "4"),
                Map.of("id", "m2", "response", "<think>\nAdd.\n</think>\n<answer>\n\\boxed{5}\n</answer>", "gold", "4"),
                Map.of("id", "f1", "response", "<think>\nNo task here.\n</think>\n<answer>\nok\n</answer>"));
        JsonNode healthy = rewards(Map.of("profile", "r1_zero", "samples", batch, "on_error", "null"), 200);
        assertThat(healthy.get("results").get(0).get("reward").asDouble()).isEqualTo(2.0);

        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            String onError = c % 2 == 0 ? "null" : "fail";
            load.add(clients.submit(() -> {
                while (loading.get()) {
                    HttpResponse<String> response = post("gateway", "/v1/rewards", JSON.writeValueAsString(
                            Map.of("profile", "r1_zero", "samples", batch, "on_error", onError)));
                    answers.add(new Answer(System.nanoTime(), onError, response.statusCode(), response.body()));
                }
                return null;
            }));
        }
        long verifierReady;
        try {
            Thread.sleep(3000);
            docker.killContainerCmd(mathId).exec();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!get("gateway", "/actuator/prometheus").body()
                    .contains("rewards_gateway_circuit{verifier=\"math-verifier\"} 1.0")) {
                assertThat(System.nanoTime()).as("the math-verifier's circuit opens").isLessThan(deadline);
                Thread.sleep(200);
            }
            Thread.sleep(2000);
            docker.startContainerCmd(mathId).exec();
            verifierReady = waitUntilReady(docker, mathId, 8081, Duration.ofSeconds(120));
            long fullServiceDeadline = verifierReady + Duration.ofSeconds(30).toNanos();
            while (!fullyServed(answers.get(answers.size() - 1))) {
                assertThat(System.nanoTime()).as("full service within 30 s of the verifier's readiness")
                        .isLessThan(fullServiceDeadline);
                Thread.sleep(100);
            }
            Thread.sleep(2000);
        } finally {
            loading.set(false);
            for (Future<?> client : load) {
                client.get(200, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }

        long degraded = 0;
        long firstFull = Long.MAX_VALUE;
        synchronized (answers) {
            for (Answer answer : answers) {
                if (answer.status() == 503) {
                    assertThat(answer.onError()).as("503 only when the caller asked to fail: " + answer).isEqualTo("fail");
                    assertThat(answer.body()).contains("math-verifier");
                    degraded++;
                    continue;
                }
                assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                JsonNode results = JSON.readTree(answer.body()).get("results");
                assertThat(results.get(2).get("reward").asDouble()).as("the format-only sample is unaffected: " + answer)
                        .isEqualTo(1.0);
                for (int i = 0; i < 2; i++) {
                    JsonNode reward = results.get(i).get("reward");
                    if (reward.isNull()) {
                        assertThat(answer.onError()).isEqualTo("null");
                        assertThat(results.get(i).get("components").get("accuracy").get("unavailable").asBoolean())
                                .as("a null reward is marked unavailable: " + answer).isTrue();
                        degraded++;
                    } else {
                        assertThat(reward.asDouble()).as("no fabricated score: " + answer).isEqualTo(i == 0 ? 2.0 : 1.0);
                    }
                }
                if (answer.at() > verifierReady && fullyServed(answer)) {
                    firstFull = Math.min(firstFull, answer.at());
                }
            }
        }
        System.out.printf("math-verifier killed under load: %d answers, %d degraded (null or 503), full service %.1f s "
                + "after its readiness%n", answers.size(), degraded, (firstFull - verifierReady) / 1e9);
        assertThat(degraded).as("the kill happened under load").isPositive();
    }

    /** One answer of the gateway during the fault test, with the time it arrived. */
    private record Answer(long at, String onError, int status, String body) {
    }

    /** Both math samples have their reward. */
    private static boolean fullyServed(Answer answer) {
        if (answer.status() != 200) {
            return false;
        }
        JsonNode results = JSON.readTree(answer.body()).get("results");
        return !results.get(0).get("reward").isNull() && !results.get(1).get("reward").isNull();
    }

    /** Polls the container's readiness on its current host port (a restart publishes the port anew). */
    private static long waitUntilReady(DockerClient docker, String id, int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            assertThat(System.nanoTime()).as("the container is ready again").isLessThan(deadline);
            try {
                var bindings = docker.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings()
                        .get(ExposedPort.tcp(port));
                if (bindings != null && bindings.length > 0) {
                    HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + bindings[0].getHostPortSpec() + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        return System.nanoTime();
                    }
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
    }

    // ---------------------------------------------------------------------------------------------- plumbing

    private static JsonNode rewards(Map<String, Object> request, int status) throws Exception {
        HttpResponse<String> response = post("gateway", "/v1/rewards", JSON.writeValueAsString(request));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static List<JsonNode> jsonl(String path) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(ServiceContainers.ROOT.resolve(path))) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    private static URI uri(String service, String path) {
        GenericContainer<?> container = containers.get(service);
        return URI.create("http://" + container.getHost() + ":"
                + container.getMappedPort(ServiceContainers.PORTS.get(service)) + path);
    }

    private static HttpResponse<String> get(String service, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(service, path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String service, String path, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(service, path)).timeout(Duration.ofSeconds(180))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
