package dev.rewards.it.browser;

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
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The five services as the launcher's {@code ./rewards up} runs them — the jars this build produced, each its own
 * JVM — on free loopback ports, so that a browser test drives the real suite. Processes rather than containers:
 * on a 2-core machine the service images' build and start cost minutes that the containers IT already spends, and
 * the browser sees the same HTTP either way. The code-verifier starts its sandboxes on the local Docker engine
 * under an owner label of its own and removes them when stopped.
 */
final class LocalSuite implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("rewards.root", "..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("rewards.version", "0.1.0-SNAPSHOT");
    private static final List<String> SERVICES = List.of("math-verifier", "code-verifier", "format-checker",
            "language-consistency", "gateway");
    private static final Duration STARTUP = Duration.ofMinutes(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Path logs;

    LocalSuite() throws IOException, InterruptedException {
        logs = Files.createDirectories(ROOT.resolve("integration-tests/target/local-suite"));
        for (String service : SERVICES) {
            ports.put(service, freePort());
        }
        try {
            for (String service : SERVICES) {
                processes.put(service, start(service));
            }
            // One deadline for all: five JVMs starting at once on two cores take minutes when other work shares them.
            long deadline = System.nanoTime() + STARTUP.toNanos();
            for (String service : SERVICES) {
                awaitReady(service, deadline);
            }
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    /** Stops one service (SIGTERM, then SIGKILL after 40 s): a verifier going down under the gateway. */
    void stop(String service) throws InterruptedException {
        Process process = processes.get(service);
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    String gatewayUrl() {
        return "http://localhost:" + ports.get("gateway");
    }

    private Process start(String service) throws IOException {
        Path jar = ROOT.resolve(service).resolve("target").resolve(service + "-" + VERSION + "-exec.jar");
        assertThat(jar).as("executable jar of " + service + " (built by the reactor before this module)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx640m", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(service + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", String.valueOf(ports.get(service)));
        switch (service) {
            case "code-verifier" -> {
                env.put("REWARDS_CODE_INSTANCE_ID", "it-playground-" + UUID.randomUUID());
                env.put("REWARDS_CODE_IMAGE_TAG", VERSION);
                env.put("REWARDS_CODE_POOL_SIZE", "1");
            }
            case "gateway" -> {
                env.put("REWARDS_GATEWAY_MATH_URL", "http://localhost:" + ports.get("math-verifier"));
                env.put("REWARDS_GATEWAY_CODE_URL", "http://localhost:" + ports.get("code-verifier"));
                env.put("REWARDS_GATEWAY_FORMAT_URL", "http://localhost:" + ports.get("format-checker"));
                env.put("REWARDS_GATEWAY_LANGUAGE_URL", "http://localhost:" + ports.get("language-consistency"));
            }
            default -> {
            }
        }
        return builder.start();
    }

    private void awaitReady(String service, long deadline) throws InterruptedException, IOException {
        URI readiness = URI.create("http://localhost:" + ports.get(service) + "/actuator/health/readiness");
        while (System.nanoTime() < deadline) {
            assertThat(processes.get(service).isAlive()).as(service + " exited during startup:\n" + tail(service)).isTrue();
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(service + " not ready within " + STARTUP + " of the suite's start:\n" + tail(service));
    }

    private String tail(String service) throws IOException {
        List<String> lines = Files.readAllLines(logs.resolve(service + ".log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM first: the code-verifier's graceful shutdown removes its sandbox containers. */
    @Override
    public void close() throws InterruptedException {
        List<String> reversed = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(reversed);
        for (String service : reversed) {
            processes.get(service).destroy();
        }
        for (String service : reversed) {
            Process process = processes.get(service);
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
