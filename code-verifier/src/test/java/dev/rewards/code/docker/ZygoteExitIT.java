package dev.rewards.code.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.rewards.code.Language;
import dev.rewards.code.Sandbox;
import dev.rewards.code.Sandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Python program forked from the zygote starts and ends as a fresh interpreter would, and the zygote's syntax
 * check says what a fresh one says: the zygote does the interpreter's
 * shutdown itself, to the program's objects only (sandbox/common/zygote.py, _finalize), so every way a program can end
 * — exit statuses, atexit, finalizers of globals and of cycles, threads, files left unflushed, closed streams, a
 * KeyboardInterrupt — is a row of {@code zygote-exits.jsonl}, run both ways: a job of two tests (the zygote) and a job
 * of one (a fresh interpreter), whose first tests must agree on exit status, signal, stdout and stderr (object
 * addresses aside; a row may say why its stderr cannot match).
 */
class ZygoteExitIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static DockerSandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandboxes.start(1);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @TestFactory
    Stream<DynamicTest> everyWayOfEndingMatchesAFreshInterpreter() throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (InputStream in = ZygoteExitIT.class.getResourceAsStream("/zygote-exits.jsonl");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Map<String, String> row = JSON.readValue(line, new TypeReference<Map<String, String>>() { });
                if (row.containsKey("name")) {
                    rows.add(row);
                }
            }
        }
        assertThat(rows).hasSizeGreaterThan(30);
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.get("name"), () -> {
            Sandbox.Outcome forkedOutcome = outcome(row.get("source"), 2);
            Sandbox.Outcome freshOutcome = outcome(row.get("source"), 1);
            // The syntax check: a child of the zygote for the job of two, a fresh interpreter for the job of one.
            assertThat(forkedOutcome.compile().exitCode()).as("syntax check's status")
                    .isEqualTo(freshOutcome.compile().exitCode());
            assertThat(forkedOutcome.compile().stderr()).as("syntax check's message")
                    .isEqualTo(freshOutcome.compile().stderr());
            assertThat(forkedOutcome.tests()).as("tests run").hasSize(freshOutcome.tests().isEmpty() ? 0 : 2);
            if (freshOutcome.tests().isEmpty()) {
                return;
            }
            Sandbox.Observation forked = forkedOutcome.tests().get(0);
            Sandbox.Observation fresh = freshOutcome.tests().get(0);
            assertThat(forked.exitCode()).as("exit status").isEqualTo(fresh.exitCode());
            assertThat(forked.signal()).as("signal").isEqualTo(fresh.signal());
            assertThat(forked.stdout()).as("stdout").isEqualTo(fresh.stdout());
            if (!"ignored".equals(row.get("stderr"))) {
                assertThat(withoutAddresses(forked.stderr())).as("stderr").isEqualTo(withoutAddresses(fresh.stderr()));
            }
        }));
    }

    /**
     * The zygote compiles the script once for all tests; a fresh interpreter charges its program the compile, so every
     * forked test is charged it too (a script that is slow to compile must not pass a time limit it fails fresh).
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "if 1 is 1:\n    pass\n"})
    void theScriptsCompileIsChargedToEveryTest(String warning) {
        // A compile warning makes the program compile the script itself: it must then be charged once, not twice.
        String source = warning + "x0 = 0\n" + IntStream.range(1, 40_000)
                .mapToObj(i -> "x" + i + " = x" + (i - 1) + " + " + i).collect(Collectors.joining("\n"))
                + "\nprint(x39999 > 0)\n";
        Sandbox.Observation fresh = firstTest(source, 1);
        Sandbox.Observation forked = firstTest(source, 2);
        assertThat(fresh.stdout()).isEqualTo("True\n");
        assertThat(forked.stdout()).isEqualTo("True\n");
        assertThat(forked.stderr()).isEqualTo(fresh.stderr());
        assertThat(fresh.cpuMs()).as("the compile is what this program costs").isGreaterThan(100);
        assertThat(forked.cpuMs()).as("charged %d ms, fresh %d ms", forked.cpuMs(), fresh.cpuMs())
                .isGreaterThan(fresh.cpuMs() / 2).isLessThan(fresh.cpuMs() * 3 / 2);
    }

    /**
     * A megabyte of literals peaks at hundreds of MiB while compiled, then the memory is freed: a fresh interpreter's
     * peak holds the compile, so the forked program's must too (else it passes a memory limit it fails fresh).
     */
    @Test
    void theScriptsCompileMemoryIsChargedToEveryTest() {
        String source = "x = (" + "(1,),".repeat(60_000) + ")\nprint(len(x))\n";
        Sandbox.Observation fresh = firstTest(source, 1);
        Sandbox.Observation forked = firstTest(source, 2);
        assertThat(fresh.stdout()).isEqualTo("60000\n");
        assertThat(forked.stdout()).isEqualTo("60000\n");
        assertThat(fresh.memoryKb()).as("the compile is what this program's peak is").isGreaterThan(64 << 10);
        assertThat(forked.memoryKb()).as("charged %d KiB, fresh %d KiB", forked.memoryKb(), fresh.memoryKb())
                .isGreaterThan(fresh.memoryKb() - (8 << 10));
    }

    /** The first test of a job of {@code tests} tests. */
    private static Sandbox.Observation firstTest(String source, int tests) {
        return outcome(source, tests).tests().get(0);
    }

    /**
     * A job of {@code tests} tests with the service's syntax check as its compile phase: the zygote serves (and
     * checks the syntax of) jobs of two tests or more.
     */
    private static Sandbox.Outcome outcome(String source, int tests) {
        Sandbox.Command check = new Sandbox.Command(List.of("@python-syntax", "main.py"), 10_000, 30_000, 65536, 64,
                0, Map.of());
        Sandbox.Command run = new Sandbox.Command(List.of("python3", "main.py"), 5000, 13_000, 4 << 20, 64, 0,
                Map.of());
        Sandbox.Job job = new Sandbox.Job(Map.of("main.py", source), check, run, Collections.nCopies(tests, "21\n"),
                false, 256, 256);
        return sandbox.execute(Language.PYTHON, job);
    }

    private static String withoutAddresses(String text) {
        return text.replaceAll("0x[0-9a-f]+", "0x");
    }
}
