package dev.rewards.math;

import java.util.Set;

import dev.rewards.web.ArchitectureContract;
import org.junit.jupiter.api.Test;

/** internal stays internal, no other service's code, a Spring-free core (web-support's ArchitectureContract). */
class MathVerifierArchitectureTests {

    @Test
    void keepsTheArchitecture() {
        ArchitectureContract.check("math", Set.of("web"), true);
    }
}
