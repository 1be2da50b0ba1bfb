package dev.rewards.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.rewards.code.internal.ArchFixtureSandbox;
import dev.rewards.gateway.ArchFixtureCore;
import org.junit.jupiter.api.Test;

class WebSupportArchitectureTests {

    @Test
    void sharedSupportDependsOnNoService() {
        ArchitectureContract.check("web", Set.of(), false);
    }

    /** The rules can fail: a gateway core class using code's internal class and Reactor breaks all three. */
    @Test
    void theRulesCatchEachKindOfViolation() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ArchFixtureCore.class, ArchFixtureSandbox.class);
        List<String> broken = ArchitectureContract.rules("gateway", Set.of("web"), true).stream()
                .filter(rule -> rule.evaluate(fixture).hasViolation()).map(ArchRule::getDescription).toList();
        assertThat(broken).containsExactlyInAnyOrder(
                "dev.rewards.code.internal is used only inside dev.rewards.code",
                "dev.rewards.gateway depends on no other module but [web]",
                "the core of dev.rewards.gateway is synchronous and Spring-free");
    }
}
