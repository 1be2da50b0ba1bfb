package dev.rewards.code;

import java.util.Set;

import dev.rewards.web.ArchitectureContract;
import org.junit.jupiter.api.Test;

/** internal stays internal, no other service's code, a Spring-free core (web-support's ArchitectureContract). */
class CodeVerifierArchitectureTests {

    @Test
    void keepsTheArchitecture() {
        ArchitectureContract.check("code", Set.of("web"), true);
    }
}
