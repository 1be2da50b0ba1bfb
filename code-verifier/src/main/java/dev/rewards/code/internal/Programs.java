package dev.rewards.code.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.rewards.code.CodeLimits;
import dev.rewards.code.Language;
import dev.rewards.code.LimitPolicy;
import dev.rewards.code.Sandbox;
import dev.rewards.code.TestSuite;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a program and its tests into a sandbox job: the files, the compile and run commands of the language, one
 * stdin per test. Call and assert tests get a fresh random token on stdin that only a run reaching the end of the
 * tests writes back, so neither {@code sys.exit(0)} nor printed text can pass for success.
 */
public final class Programs {

    /** Memory the runtime needs beyond the program's own limit: the runner, the interpreter or the JVM's non-heap. */
    private static final Map<Language, Integer> RUNTIME_OVERHEAD_MB = Map.of(Language.PYTHON, 64, Language.C, 64,
            Language.CPP, 64, Language.JAVA, 256, Language.JAVASCRIPT, 128);
    private static final int STDERR_BYTES = 8192;
    /** 0 = unlimited: bounded by the memory limit, as on DOMjudge and Codeforces; deep recursion is legitimate. */
    private static final int STACK_MB = 0;
    private static final int JAVA_STACK_MB = 64;
    private static final int FILE_MB = 64;
    private static final Pattern TOP_LEVEL_CHECK_CALL = Pattern.compile("(?m)^check\\s*\\(");
    private static final Pattern DEFINES_CHECK = Pattern.compile("(?m)^def\\s+check\\s*\\(");
    private static final String CALL_HARNESS = resource("/harness/call.py");
    private static final String ASSERT_PRELUDE = resource("/harness/assert-prelude.py");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Programs() {
    }

    /** A job plus what the judge needs to read its observations: the token of call/assert runs. */
    public record Prepared(Sandbox.Job job, String token) {
    }

    public static Prepared prepare(Language language, String code, TestSuite tests, CodeLimits limits,
                                   LimitPolicy policy, boolean stopOnFailure) {
        String token = HexFormat.of().formatHex(randomBytes());
        Map<String, String> files;
        List<String> stdins = new ArrayList<>();
        List<String> run;
        Sandbox.Command compile;
        if (tests instanceof TestSuite.Stdio stdio) {
            SourceLayout layout = layout(language, code);
            files = Map.of(layout.fileName(), code);
            run = layout.run(limits.memoryMb());
            compile = compileCommand(language, layout, policy);
            stdio.cases().forEach(c -> stdins.add(c.input()));
        } else if (tests instanceof TestSuite.Call call) {
            files = Map.of("main.py", CALL_HARNESS, "solution.py", code);
            run = List.of("python3", "main.py", call.fnName());
            compile = syntaxCheck("solution.py", policy);
            for (TestSuite.CallCase c : call.cases()) {
                stdins.add(token + "\n" + JSON.writeValueAsString(c.args()) + "\n");
            }
        } else {
            TestSuite.Assert asserts = (TestSuite.Assert) tests;
            String name = token.substring(0, 12);
            StringBuilder program = new StringBuilder(ASSERT_PRELUDE.replace("TOKEN_NAME", name))
                    .append(code).append("\n\n").append(asserts.testCode()).append('\n');
            if (asserts.entryPoint() != null && DEFINES_CHECK.matcher(asserts.testCode()).find()
                    && !TOP_LEVEL_CHECK_CALL.matcher(asserts.testCode()).find()) {
                program.append("\ncheck(").append(asserts.entryPoint()).append(")\n");
            }
            program.append("\n__rewards_finish_").append(name).append("()\n");
            files = Map.of("main.py", program.toString());
            run = List.of("python3", "main.py");
            compile = syntaxCheck("main.py", policy);
            stdins.add(token + "\n");
        }
        Sandbox.Command runCommand = new Sandbox.Command(run, limits.timeMs(), limits.wallMs(),
                limits.outputKb() * 1024L, FILE_MB, STACK_MB, Map.of());
        int runMemory = limits.memoryMb() + RUNTIME_OVERHEAD_MB.get(language);
        int compileMemory = language.compiled() ? Math.max(policy.compileMemoryMb(), runMemory) : runMemory;
        return new Prepared(new Sandbox.Job(files, compile, runCommand, stdins, stopOnFailure, compileMemory,
                runMemory), token);
    }

    private static Sandbox.Command syntaxCheck(String file, LimitPolicy policy) {
        return new Sandbox.Command(List.of("@python-syntax", file), policy.compileTimeMs(),
                policy.compileTimeMs() + 5000, 65536, FILE_MB, STACK_MB, Map.of());
    }

    private static Sandbox.Command compileCommand(Language language, SourceLayout layout, LimitPolicy policy) {
        List<String> cmd = switch (language) {
            case PYTHON -> List.of("@python-syntax", layout.fileName());
            case C -> List.of("gcc", "-std=c17", "-O2", "-pipe", "-o", "main", layout.fileName(), "-lm");
            case CPP -> List.of("g++", "-std=c++17", "-O2", "-pipe", "-o", "main", layout.fileName());
            case JAVA -> List.of("javac", "-J-Xmx" + (policy.compileMemoryMb() * 3 / 4) + "m", "-J-XX:+UseSerialGC",
                    "-J-XX:TieredStopAtLevel=1", "-J-XX:-UsePerfData", "-encoding", "UTF-8", "-nowarn", "-d", ".",
                    layout.fileName());
            case JAVASCRIPT -> List.of("node", "--check", layout.fileName());
        };
        // Compilers may write big binaries (static arrays); the work directory's tmpfs bounds them anyway.
        int fileMb = language.compiled() ? policy.compileMemoryMb() : FILE_MB;
        // Temporary objects go to the big work directory, not the small /tmp (a 512 MiB static array is legal C).
        return new Sandbox.Command(cmd, policy.compileTimeMs(), policy.compileTimeMs() + 5000, 65536, fileMb,
                STACK_MB, Map.of("TMPDIR", "/sandbox/work"));
    }

    /** File name and run command of a stdio program. */
    record SourceLayout(String fileName, Language language, String mainClass) {
        List<String> run(int memoryMb) {
            return switch (language) {
                case PYTHON -> List.of("python3", fileName);
                case C, CPP -> List.of("./main");
                case JAVA -> List.of("java", "-Xmx" + memoryMb + "m", "-Xss" + JAVA_STACK_MB + "m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp", ".", mainClass);
                case JAVASCRIPT -> List.of("node", "--max-old-space-size=" + memoryMb, "--stack-size=16384",
                        fileName);
            };
        }
    }

    static SourceLayout layout(Language language, String code) {
        return switch (language) {
            case PYTHON -> new SourceLayout("main.py", language, null);
            case C -> new SourceLayout("main.c", language, null);
            case CPP -> new SourceLayout("main.cpp", language, null);
            case JAVASCRIPT -> new SourceLayout("main.js", language, null);
            case JAVA -> {
                JavaClasses classes = JavaClasses.scan(code);
                String publicClass = classes.publicTopLevel();
                String file = (publicClass == null ? "Main" : publicClass) + ".java";
                String main = classes.mainClass();
                yield new SourceLayout(file, language, main == null ? (publicClass == null ? "Main" : publicClass)
                        : main);
            }
        };
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String resource(String path) {
        try (InputStream in = Programs.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
