package dev.rewards.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture every module keeps, as ArchUnit rules over the production classes of {@code dev.rewards} on the
 * module's class path (its own and its dependencies'):
 * <ol>
 * <li>an {@code internal} package is used only inside its own service's package tree;</li>
 * <li>services are free of each other's code: a module depends on no other module's package except the ones it
 * names (web-support for every service; the cores for the standalone CLI);</li>
 * <li>a service's core (its root package and {@code internal}, the {@code *Application} class aside) is
 * synchronous and Spring-free: no Spring, no Reactor — only the {@code api}/{@code client} edges are.</li>
 * </ol>
 * Each module's test names its root and what it may use.
 */
public final class ArchitectureContract {

    /** Every module's root package under {@code dev.rewards}. */
    public static final List<String> MODULES = List.of("math", "code", "format", "language", "gateway", "cli", "web");

    private ArchitectureContract() {
    }

    /**
     * Production classes only, read from the class path roots that hold {@code dev/rewards} (the modules' own
     * directories or jars — scanning every library jar would cost seconds for nothing); the test classes of this
     * module and of web-support's test jar are left out.
     */
    public static JavaClasses productionClasses() {
        Set<Location> roots = new LinkedHashSet<>();
        try {
            Enumeration<URL> found = ArchitectureContract.class.getClassLoader().getResources("dev/rewards");
            while (found.hasMoreElements()) {
                roots.add(Location.of(found.nextElement()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClassFileImporter()
                .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(roots);
    }

    /**
     * @param module  this module's root ({@code dev.rewards.<module>})
     * @param mayUse  other modules it may depend on
     * @param hasCore whether the module has a Spring-free core (the four services and the gateway)
     */
    public static List<ArchRule> rules(String module, Set<String> mayUse, boolean hasCore) {
        List<ArchRule> rules = new ArrayList<>();
        for (String owner : MODULES) {
            rules.add(noClasses().that().resideOutsideOfPackage("dev.rewards." + owner + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.rewards." + owner + ".internal..")
                    .as("dev.rewards." + owner + ".internal is used only inside dev.rewards." + owner)
                    .allowEmptyShould(true));
        }
        List<String> forbidden = MODULES.stream().filter(m -> !m.equals(module) && !mayUse.contains(m))
                .map(m -> "dev.rewards." + m + "..").toList();
        if (!forbidden.isEmpty()) {
            rules.add(noClasses().that().resideInAPackage("dev.rewards." + module + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .as("dev.rewards." + module + " depends on no other module but " + mayUse)
                    .allowEmptyShould(true));
        }
        if (hasCore) {
            rules.add(noClasses().that().resideInAnyPackage("dev.rewards." + module, "dev.rewards." + module + ".internal..")
                    .and().haveSimpleNameNotEndingWith("Application")
                    .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..")
                    .as("the core of dev.rewards." + module + " is synchronous and Spring-free")
                    .allowEmptyShould(true));
        }
        return rules;
    }

    /** Checks every rule and reports all violations together. */
    public static void check(String module, Set<String> mayUse, boolean hasCore) {
        JavaClasses classes = productionClasses();
        if (classes.stream().noneMatch(c -> c.getPackageName().startsWith("dev.rewards." + module))) {
            throw new AssertionError("no production class of dev.rewards." + module + " was imported");
        }
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : rules(module, mayUse, hasCore)) {
            var result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }
}
