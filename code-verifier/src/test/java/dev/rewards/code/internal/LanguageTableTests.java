package dev.rewards.code.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.rewards.code.CodeLimits;
import dev.rewards.code.Language;
import dev.rewards.code.LimitPolicy;
import dev.rewards.code.Sandbox;
import dev.rewards.code.TestSuite;
import dev.rewards.code.Verdict;
import dev.rewards.code.judge.CodeExtraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The per-language table: names, files, commands and out-of-memory evidence (the real runs are LanguageContractIT). */
class LanguageTableTests {

    private static final CodeLimits LIMITS = new CodeLimits(1000, 128, 64);

    private static Sandbox.Job job(Language language) {
        return Programs.prepare(language, "code", new TestSuite.Stdio(List.of(new TestSuite.StdioCase("1\n", "1\n"))),
                LIMITS, LimitPolicy.STANDARD, true, 0);
    }

    @Test
    void everyNameAndAliasMeansOneLanguage() {
        Set<String> seen = new HashSet<>();
        for (Language language : Language.values()) {
            assertThat(language.aliases()).contains(language.wireName());
            for (String alias : language.aliases()) {
                assertThat(seen.add(alias)).as("alias %s of %s is taken", alias, language).isTrue();
                assertThat(Language.fromWireName(alias.toUpperCase())).isEqualTo(language);
            }
        }
        assertThat(EnumSet.allOf(Language.class).stream().filter(l -> !l.optional()))
                .containsExactly(Language.PYTHON, Language.C, Language.CPP, Language.JAVA, Language.JAVASCRIPT);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyLanguageHasASourceFileACheckAndARun(Language language) {
        Sandbox.Job job = job(language);
        assertThat(job.files()).hasSize(1);
        String file = job.files().keySet().iterator().next();
        assertThat(job.compile()).as("a compile or syntax check turns broken programs into compile_error").isNotNull();
        assertThat(job.compile().cmd()).contains(file);
        assertThat(job.run().cmd()).isNotEmpty();
        if (language.compiled()) {
            assertThat(job.compileMemoryMb()).isGreaterThanOrEqualTo(LimitPolicy.STANDARD.compileMemoryMb());
        } else {
            assertThat(job.compileMemoryMb()).isEqualTo(job.runMemoryMb());
        }
        assertThat(job.runMemoryMb()).isGreaterThan(LIMITS.memoryMb());
    }

    @Test
    void commandsOfTheNewLanguages() {
        assertThat(job(Language.GO).compile().cmd()).containsExactly("go", "build", "-o", "main", "main.go");
        assertThat(job(Language.GO).compile().env()).containsEntry("CGO_ENABLED", "0").containsEntry("GOPROXY", "off");
        // Go's collector aims at the limit; without it the heap doubles past it before collecting.
        assertThat(job(Language.GO).run().env()).containsEntry("GOMEMLIMIT", "128MiB");
        assertThat(job(Language.RUST).compile().cmd()).containsSubsequence("rustc", "-O", "main.rs");
        assertThat(job(Language.TYPESCRIPT).compile().cmd()).contains("--noEmitOnError", "main.ts");
        assertThat(job(Language.TYPESCRIPT).run().cmd()).containsSubsequence("node", "main.js");
        assertThat(job(Language.CSHARP).run().cmd()).containsExactly("mono", "--gc-params=max-heap-size=128m",
                "main.exe");
        assertThat(job(Language.RUBY).compile().cmd()).containsExactly("ruby", "-c", "main.rb");
        assertThat(job(Language.BASH).compile().cmd()).containsExactly("bash", "-n", "main.sh");
        assertThat(job(Language.PYTHON).run().env()).isEmpty();
    }

    @Test
    void cppCompilesWithTheFlagsOfThePrecompiledHeader() {
        // sandbox/languages/cpp/setup.sh builds the header with exactly these; PrecompiledHeaderIT checks GCC takes it.
        assertThat(job(Language.CPP).compile().cmd()).containsSubsequence("g++", "-std=c++17", "-O2",
                "-I/opt/rewards/pch", "main.cpp");
    }

    @Test
    void fencesOfTheNewLanguages() {
        String response = "```sh\ng++ main.cpp\n```\n```golang\npackage main\n```\n```rs\nfn main(){}\n```\n"
                + "```ts\nlet x = 1\n```\n```c#\nclass P{}\n```\n```rb\nputs 1\n```\n";
        assertThat(CodeExtraction.extract(response, "go")).isEqualTo("package main\n");
        assertThat(CodeExtraction.extract(response, "rust")).isEqualTo("fn main(){}\n");
        assertThat(CodeExtraction.extract(response, "typescript")).isEqualTo("let x = 1\n");
        assertThat(CodeExtraction.extract(response, "csharp")).isEqualTo("class P{}\n");
        assertThat(CodeExtraction.extract(response, "ruby")).isEqualTo("puts 1\n");
        assertThat(CodeExtraction.extract(response, "bash")).isEqualTo("g++ main.cpp\n");
    }

    private static Sandbox.Observation ended(Integer exitCode, Integer signal, long memoryKb, String stderr) {
        return new Sandbox.Observation(exitCode, signal, 10, 10, memoryKb, "", 0, false, stderr, null, false, false);
    }

    /** A runtime's out-of-memory message is evidence only from a run that failed: a program may print it itself. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "go     | fatal error: runtime: out of memory",
            "rust   | memory allocation of 4294967296 bytes failed",
            "csharp | Unhandled Exception: System.OutOfMemoryException: Out of memory",
            "ruby   | main.rb:1:in `*': failed to allocate memory (NoMemoryError)"})
    void outOfMemoryMessagesCountOnlyFromFailedRuns(String name, String stderr) {
        Language language = Language.fromWireName(name);
        assertThat(Verdicts.ofRun(ended(0, null, 9000, stderr), language, 128)).isNull();
        assertThat(Verdicts.ofRun(ended(2, null, 9000, stderr), language, 128)).isEqualTo(Verdict.MEMORY_LIMIT);
        assertThat(Verdicts.ofRun(ended(null, 6, 9000, stderr), language, 128)).isEqualTo(Verdict.MEMORY_LIMIT);
        assertThat(Verdicts.ofRun(ended(1, null, 9000, "boom"), language, 128)).isEqualTo(Verdict.RUNTIME_ERROR);
    }

    /**
     * A program stopped for time had used any memory it shows before it was stopped: over the limit, that is the
     * limit it hit first (a memory hog whose page faults used up its CPU time on a busy machine was time_limit).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cpu  | 316368 | memory_limit",
            "wall | 316368 | memory_limit",
            "cpu  | 65536  | time_limit",
            "wall | 1024   | time_limit"})
    void memoryOverTheLimitOutranksTheTimeThatRanOut(String timedOut, long memoryKb, String verdict) {
        Sandbox.Observation run = new Sandbox.Observation(null, 9, 1193, 1300, memoryKb, "", 0, false, "", timedOut,
                false, false);
        assertThat(Verdicts.ofRun(run, Language.C, 256)).isEqualTo(Verdict.valueOf(verdict.toUpperCase()));
        Sandbox.Observation killed = new Sandbox.Observation(null, 9, 1193, 1300, 1024, "", 0, false, "", timedOut,
                true, false);
        assertThat(Verdicts.ofRun(killed, Language.PYTHON, 256)).isEqualTo(Verdict.MEMORY_LIMIT);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void residentSizeFarOverTheLimitIsMemoryLimitInEveryLanguageButJava(Language language) {
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(Verdicts.ofRun(ended(0, null, 512 * 1024, ""), language, 128));
        // Java's resident size includes the JVM; its heap is capped by -Xmx instead.
        assertThat(verdicts).containsExactly(language == Language.JAVA ? null : Verdict.MEMORY_LIMIT);
    }
}
