package dev.rewards.code.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;

import dev.rewards.code.Language;
import dev.rewards.code.LimitPolicy;
import dev.rewards.code.Sandbox;
import dev.rewards.code.TestSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every language is a companion language: built (compiled ones) or shipped as source, started by a command of its
 * runtime, hosted beside every submission when its built form runs in every image (static binaries, Python, Bash),
 * else beside the submissions whose image has its runtime; every other pairing is a bad request that says so.
 */
class CompanionsTests {

    private static final String JAVA = "public class Judge { public static void main(String[] a) {} }";
    private static final EnumSet<Language> EVERYWHERE = EnumSet.of(Language.C, Language.CPP, Language.GO,
            Language.RUST, Language.PYTHON, Language.BASH);

    private static TestSuite.JudgeProgram program(Language language) {
        return new TestSuite.JudgeProgram(language, language == Language.JAVA ? JAVA : "source", Map.of());
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyLanguageIsBuiltOrShippedAndStartedByItsRuntime(Language language) {
        TestSuite.JudgeProgram program = program(language);
        Companions.Built built;
        if (Companions.compiled(language)) {
            Sandbox.Job job = Companions.compileJob("checker", program, LimitPolicy.STANDARD);
            assertThat(job.fetchFiles()).containsExactly(Companions.artifact("checker", language));
            assertThat(job.files()).containsKey(Companions.sourceName("checker", program));
            Sandbox.Observation ok = new Sandbox.Observation(0, null, 1, 1, 1, "", 0, false, "", null, false, false);
            built = Companions.fromCompile("checker", program, new Sandbox.Outcome(ok, java.util.List.of(),
                    Map.of(Companions.artifact("checker", language), "AAAA")));
        } else {
            built = Companions.source("checker", program);
        }
        assertThat(built.filesBase64()).containsKey(Companions.artifact("checker", language));
        String started = String.join(" ", built.cmd());
        assertThat(started).contains("/sandbox/judge/" + Companions.artifact("checker", language));
        // Interpreters start isolated from their environment and user site.
        if (language == Language.PYTHON) {
            assertThat(built.cmd()).startsWith("python3", "-s", "-E");
        }
        if (language == Language.JAVA) {
            assertThat(built.cmd()).endsWith("Judge");
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyPairingIsHostedOrABadRequestThatSaysWhy(Language companion) {
        assertThat(Companions.hosts(companion)).as("a companion runs beside its own language")
                .contains(companion);
        if (EVERYWHERE.contains(companion)) {
            assertThat(Companions.hosts(companion)).containsExactlyInAnyOrder(Language.values());
        }
        for (Language submission : Language.values()) {
            if (Companions.hosts(companion).contains(submission)) {
                assertThatCode(() -> Companions.requireHost("interactor", program(companion), submission))
                        .doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> Companions.requireHost("interactor", program(companion), submission))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("tests.interactor.language: a " + companion.wireName()
                                + " interactor runs beside ")
                        .hasMessageContaining("not beside " + submission.wireName())
                        .hasMessageContaining("write it in c, cpp, go, rust, python or bash");
            }
        }
    }

    @Test
    void aJavaCompanionIsOneJarOfEveryClassItsSourceDeclares() {
        Sandbox.Job job = Companions.compileJob("interactor", program(Language.JAVA), LimitPolicy.STANDARD);
        assertThat(job.files()).containsKey("Judge.java");
        assertThat(job.compile().cmd()).startsWith("sh", "-c").contains("-sourcepath", "Judge.java");
        assertThat(job.compile().cmd().get(2)).contains("jar cf interactor.jar -C classes .");
    }

    @Test
    void aRustCompanionIsAStaticBinary() {
        Sandbox.Job job = Companions.compileJob("checker", program(Language.RUST), LimitPolicy.STANDARD);
        assertThat(job.compile().cmd()).contains("target-feature=+crt-static");
    }
}
