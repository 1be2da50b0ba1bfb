package dev.rewards.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suite as {@code ./rewards up} runs it: the five executable jars as separate processes on free ports. Every one
 * reaches readiness, and the JSON APIs answer a malformed body with a 400 problem document and a well-formed one
 * with a verdict — over HTTP only.
 */
class SuiteProcessesIT {

    private static final String[] SERVICES = {"math-verifier", "code-verifier", "format-checker",
            "language-consistency", "gateway"};
    private static final Map<String, Integer> ports = new LinkedHashMap<>();
    private static final List<Process> processes = new ArrayList<>();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startSuite() throws Exception {
        Path root = Path.of(System.getProperty("rewards.root", ".."));
        String version = System.getProperty("rewards.version", "0.1.0-SNAPSHOT");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String service : SERVICES) {
            Path jar = root.resolve(service).resolve("target").resolve(service + "-" + version + "-exec.jar");
            assertThat(jar).as("executable jar of " + service).exists();
            int port = freePort();
            ports.put(service, port);
            Path log = Files.createTempFile(service, ".log");
            processes.add(new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(), "--server.port=" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        for (String service : SERVICES) {
            while (!ready(ports.get(service))) {
                assertThat(System.nanoTime()).as(service + " ready within the deadline").isLessThan(deadline);
                Thread.sleep(500);
            }
        }
    }

    @AfterAll
    static void stopSuite() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void everyServiceIsLiveAndExportsMetrics() throws Exception {
        for (String service : SERVICES) {
            HttpResponse<String> liveness = get(ports.get(service), "/actuator/health/liveness");
            assertThat(liveness.statusCode()).as(service).isEqualTo(200);
            HttpResponse<String> metrics = get(ports.get(service), "/actuator/prometheus");
            assertThat(metrics.body()).as(service).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void malformedBodiesAre400Problems() throws Exception {
        Map<String, String> endpoints = Map.of("math-verifier", "/v1/math/verify", "format-checker", "/v1/format/check",
                "language-consistency", "/v1/language/score");
        for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
            HttpResponse<String> response = post(ports.get(endpoint.getKey()), endpoint.getValue(), "{\"response\": ");
            assertThat(response.statusCode()).as(endpoint.getKey()).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void verifiersGiveVerdicts() throws Exception {
        HttpResponse<String> math = post(ports.get("math-verifier"), "/v1/math/verify",
                "{\"response\": \"\\\\boxed{\\\\frac{1}{2}}\", \"gold\": \"0.5\"}");
        assertThat(math.body()).contains("\"status\":\"correct\"");
        HttpResponse<String> format = post(ports.get("format-checker"), "/v1/format/check",
                "{\"response\": \"<think>a</think><answer>b</answer>\"}");
        assertThat(format.body()).contains("\"valid\":true");
        HttpResponse<String> language = post(ports.get("language-consistency"), "/v1/language/score",
                "{\"text\": \"This is an English sentence about numbers.\", \"target\": \"en\"}");
        assertThat(language.body()).contains("\"score\":1.0");
    }

    private static boolean ready(int port) {
        try {
            return get(port, "/actuator/health/readiness").statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
