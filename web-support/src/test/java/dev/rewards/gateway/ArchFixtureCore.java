package dev.rewards.gateway;

import dev.rewards.code.internal.ArchFixtureSandbox;
import reactor.core.publisher.Mono;

/** Architecture-test fixture: a core class that breaks all three rules (another service's internal, Reactor). */
public final class ArchFixtureCore {
    public static Mono<Integer> score() {
        return Mono.just(ArchFixtureSandbox.run());
    }
}
