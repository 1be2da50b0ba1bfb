package dev.rewards.gateway;

import java.util.Set;

import dev.rewards.web.ArchitectureContract;
import org.junit.jupiter.api.Test;

/** internal stays internal, no other service's code, a Spring-free core (web-support's ArchitectureContract). */
class GatewayArchitectureTests {

    @Test
    void keepsTheArchitecture() {
        ArchitectureContract.check("gateway", Set.of("web"), true);
    }
}
