package dev.rewards.code.api;

import dev.rewards.code.Sandbox;
import dev.rewards.code.docker.DockerSandbox;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness follows the sandbox: down while the engine is unreachable or containers cannot be created. */
@Component("sandbox")
class SandboxHealth implements HealthIndicator {

    private final Sandbox sandbox;

    SandboxHealth(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public Health health() {
        if (!(sandbox instanceof DockerSandbox docker)) {
            return Health.up().withDetail("sandbox", sandbox.getClass().getSimpleName()).build();
        }
        Health.Builder builder = docker.ready() ? Health.up() : Health.down();
        return builder.withDetails(docker.describe()).build();
    }
}
