package dev.rewards.cli;

import java.util.Set;

import dev.rewards.web.ArchitectureContract;
import org.junit.jupiter.api.Test;

/** The CLI embeds the services' cores through their public packages, never their internal ones. */
class CliArchitectureTests {

    @Test
    void usesTheCoresButNotTheirInternals() {
        ArchitectureContract.check("cli", Set.of("math", "code", "format", "language", "gateway", "web"), false);
    }
}
