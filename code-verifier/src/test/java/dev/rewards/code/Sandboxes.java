package dev.rewards.code;

import java.time.Duration;
import java.util.UUID;

import dev.rewards.code.docker.DockerSandbox;
import dev.rewards.code.docker.SandboxSettings;

/** A real Docker sandbox for the *IT tests: the images ./rewards builds; fails (never skips) without an engine. */
public final class Sandboxes {

    static final String VERSION = System.getenv().getOrDefault("REWARDS_VERSION", "0.1.0-SNAPSHOT");

    private Sandboxes() {
    }

    public static DockerSandbox start(int poolSize) {
        String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
        DockerSandbox sandbox = new DockerSandbox(new SandboxSettings(host, "rewards-sandbox-", VERSION, poolSize, 50,
                Duration.ofSeconds(60), 128, 1.0, 2048, "it-" + UUID.randomUUID()));
        sandbox.start();
        return sandbox;
    }
}
