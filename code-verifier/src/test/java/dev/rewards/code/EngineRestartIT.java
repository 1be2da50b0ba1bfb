package dev.rewards.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.rewards.code.docker.DockerSandbox;
import dev.rewards.code.docker.SandboxSettings;
import org.junit.jupiter.api.Test;

/**
 * A real restart of the Docker engine under the sandbox. Restarting the engine every other test and the build itself
 * use would take them down with it, so the test starts a private engine (its own dockerd, socket, data and exec
 * roots, containerd namespace, network namespace, no bridge or iptables — sandboxes run without a network), loads the
 * Python sandbox image into it, and restarts that one as an operator would: SIGTERM, which stops every container, then
 * start again.
 * Needs root and dockerd, as the engine this project sets up does; without them it fails, never skips.
 */
class EngineRestartIT {

    @Test
    void inFlightWorkEndsAs503ReadinessFollowsTheEngineAndThePoolRebuildsItself() throws Exception {
        boolean hostBridge = Files.exists(Path.of("/sys/class/net/docker0"));
        try (PrivateEngine engine = new PrivateEngine()) {
            engine.start();
            engine.load("rewards-sandbox-python:" + Sandboxes.VERSION);
            DockerSandbox sandbox = new DockerSandbox(new SandboxSettings(engine.host(), "rewards-sandbox-",
                    Sandboxes.VERSION, 1, 50, Duration.ofSeconds(5), 128, 1.0, 512, "it-restart-" + UUID.randomUUID()));
            try {
                List<String> before = new ArrayList<>();
                EngineOutages.assertOutageAndRecovery(sandbox, () -> {
                    before.addAll(engine.containerIds());
                    assertThat(before).as("the warm python container").hasSize(1);
                    engine.stop();
                }, engine::start);
                assertThat(engine.runningContainerIds()).as("a new warm container, not the one the restart stopped")
                        .hasSize(1).doesNotContainAnyElementsOf(before);
            } finally {
                sandbox.close();
            }
            assertThat(engine.containerIds()).as("the sandbox removed its containers").isEmpty();
        }
        assertThat(Files.exists(Path.of("/sys/class/net/docker0"))).as("the host engine's bridge is untouched")
                .isEqualTo(hostBridge);
    }

    /** A dockerd of the test's own under a temporary root; closing it stops the engine and deletes its data. */
    private static final class PrivateEngine implements AutoCloseable {
        private final Path root;
        private final Path log;
        private Process dockerd;

        PrivateEngine() throws IOException {
            // Short path: containerd's socket lives under the exec root and unix socket paths are limited to 107 bytes.
            root = Files.createTempDirectory(Path.of("/tmp"), "rwe");
            log = root.resolve("dockerd.log");
        }

        String host() {
            return "unix://" + root.resolve("docker.sock");
        }

        void start() throws IOException, InterruptedException {
            // Its own network namespace: a dockerd with --bridge none deletes the host's docker0 at start, which would
            // take the bridge from under the engine everything else uses.
            dockerd = new ProcessBuilder("unshare", "--net", "dockerd", "--host", host(), "--data-root", root.resolve("data").toString(),
                    "--exec-root", root.resolve("exec").toString(), "--pidfile", root.resolve("dockerd.pid").toString(),
                    "--bridge", "none", "--iptables=false", "--ip6tables=false", "--ip-masq=false",
                    "--containerd-namespace", "rewards-it", "--containerd-plugins-namespace", "rewards-it-plugins",
                    "--cgroup-parent", "rewards-it-engine")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (docker("version").exitCode() != 0) {
                assertThat(dockerd.isAlive()).as("dockerd runs; its log: " + Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("the private engine answers").isLessThan(deadline);
                Thread.sleep(250);
            }
        }

        /** An operator's restart minus the start: SIGTERM, and dockerd stops its containers before it exits. */
        void stop() throws InterruptedException {
            dockerd.destroy();
            assertThat(dockerd.waitFor(90, TimeUnit.SECONDS)).as("dockerd exits").isTrue();
        }

        void load(String image) throws IOException, InterruptedException {
            Result saved = run(List.of("bash", "-c", "set -o pipefail; docker save " + image + " | docker -H "
                    + host() + " load"), Duration.ofMinutes(5));
            assertThat(saved.exitCode()).as("image loaded into the private engine: " + saved.output()).isZero();
        }

        List<String> containerIds() throws IOException, InterruptedException {
            return docker("ps", "-aq").output().lines().filter(line -> !line.isBlank()).toList();
        }

        List<String> runningContainerIds() throws IOException, InterruptedException {
            return docker("ps", "-q").output().lines().filter(line -> !line.isBlank()).toList();
        }

        private Result docker(String... args) throws IOException, InterruptedException {
            List<String> command = new java.util.ArrayList<>(List.of("docker", "-H", host()));
            command.addAll(List.of(args));
            return run(command, Duration.ofSeconds(30));
        }

        private static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, output);
            }
            return new Result(process.exitValue(), output);
        }

        private record Result(int exitCode, String output) {
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (dockerd != null && dockerd.isAlive()) {
                for (String id : containerIds()) {
                    docker("rm", "-f", id);
                }
                stop();
            }
            // dockerd unmounts its layers on exit; what is left is plain files.
            run(List.of("rm", "-rf", root.toString()), Duration.ofMinutes(2));
        }
    }
}
