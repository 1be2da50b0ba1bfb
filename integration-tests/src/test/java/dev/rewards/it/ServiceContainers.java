package dev.rewards.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.model.Capability;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The five service images, built from {@code docker/service/Dockerfile} with the jars this build just produced, and
 * their containers with the same hardening {@code ./rewards up --containers} applies. The base image comes from
 * the launcher ({@code REWARDS_SERVICE_BASE_IMAGE}: a public JRE where a registry answers, else the offline base).
 */
final class ServiceContainers {

    static final Path ROOT = Path.of(System.getProperty("rewards.root", "..")).toAbsolutePath().normalize();
    static final String VERSION = System.getProperty("rewards.version", "0.1.0-SNAPSHOT");
    static final Map<String, Integer> PORTS = Map.of("math-verifier", 8081, "code-verifier", 8082,
            "format-checker", 8083, "language-consistency", 8084, "gateway", 8080);

    private ServiceContainers() {
    }

    /** Builds the image of one service and returns its tag. */
    static String build(String service) throws IOException, InterruptedException {
        String base = System.getProperty("rewards.service.base", "");
        assertThat(base).as("REWARDS_SERVICE_BASE_IMAGE (set by ./rewards test) names the base of the service images")
                .isNotBlank().doesNotStartWith("${");
        Path jar = ROOT.resolve(service).resolve("target").resolve(service + "-" + VERSION + "-exec.jar");
        assertThat(jar).as("executable jar of " + service).exists();
        Path context = Files.createTempDirectory("rewards-image-" + service);
        try {
            Files.copy(ROOT.resolve("docker/service/healthcheck.sh"), context.resolve("healthcheck.sh"));
            Files.copy(jar, context.resolve("app.jar"), StandardCopyOption.REPLACE_EXISTING);
            String tag = "rewards-it-" + service + ":" + VERSION;
            Path log = Files.createTempFile("rewards-build-" + service, ".log");
            Process build = new ProcessBuilder("docker", "build", "-q", "-f",
                    ROOT.resolve("docker/service/Dockerfile").toString(), "--build-arg", "BASE_IMAGE=" + base,
                    "--build-arg", "SERVICE=" + service, "--build-arg", "PORT=" + PORTS.get(service),
                    "--build-arg", "VERSION=" + VERSION, "-t", tag, context.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(build.waitFor(10, TimeUnit.MINUTES)).as("docker build of " + service + " finished").isTrue();
            assertThat(build.exitValue()).as("docker build of " + service + ": "
                    + Files.readString(log, StandardCharsets.UTF_8)).isZero();
            return tag;
        } finally {
            try (var files = Files.walk(context)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A hardened container of a service on the network, under its service name, ready when its readiness is. */
    static GenericContainer<?> container(String service, String image, Network network, long memoryMb) {
        int port = PORTS.get(service);
        return new GenericContainer<>(DockerImageName.parse(image))
                .withNetwork(network).withNetworkAliases(service).withExposedPorts(port)
                .withTmpFs(Map.of("/tmp", "rw,size=256m"))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withReadonlyRootfs(true)
                        .withCapDrop(Capability.ALL).withSecurityOpts(List.of("no-new-privileges"))
                        .withMemory(memoryMb << 20).withMemorySwap(memoryMb << 20))
                .waitingFor(Wait.forHttp("/actuator/health/readiness").forPort(port)
                        .withStartupTimeout(Duration.ofMinutes(4)));
    }
}
