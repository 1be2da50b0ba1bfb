package dev.rewards.code.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.rewards.code.CodeLimits;
import dev.rewards.code.JudgeProgramException;
import dev.rewards.code.Language;
import dev.rewards.code.LimitPolicy;
import dev.rewards.code.Sandbox;
import dev.rewards.code.TestSuite;

/**
 * Checkers and interactors ("companions"): built once in their own language's sandbox into something every sandbox
 * image runs — a static, stripped binary (C, C++, Go) or the Python source (every image has the runner's Python) —
 * then shipped with each job into a directory only the companion's uid may read (runner.py: /sandbox/judge).
 */
public final class Companions {

    /** Roles, also the built program's file name. */
    public static final String CHECKER = "checker";
    public static final String INTERACTOR = "interactor";
    /** Memory of a checker or an interactor (resident, sampled by the runner), beyond the program's. */
    public static final int MEMORY_MB = 512;
    /** A checker's CPU time per test at least; a slower program's time limit raises it. */
    public static final int CHECKER_TIME_MS = 5000;
    /** An interactor's CPU and wall time beyond the program's limits (it waits on the program most of the time). */
    public static final int INTERACTOR_EXTRA_MS = 2000;
    /** A checker's stdout: testlib's partial score, messages; the rest is cut. */
    private static final long OUTPUT_BYTES = 64 * 1024;
    /** A built companion: a static C++ binary with iostream is about 2 MiB; more is a sign of something else. */
    static final long BINARY_LIMIT_BYTES = 32L << 20;
    private static final String DIR = "/sandbox/judge/";
    private static final String CHECK = "/sandbox/check/";
    private static final int FILE_MB = 64;

    private Companions() {
    }

    /** A companion ready to ship: its files (base64) and the command that starts it. */
    public record Built(String description, List<String> cmd, Map<String, String> filesBase64, long bytes) {
        public Built {
            cmd = List.copyOf(cmd);
            filesBase64 = Map.copyOf(filesBase64);
        }
    }

    /** The cache key: the language, the source and the extra files, hashed. */
    public static String key(TestSuite.JudgeProgram program) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, program.language().wireName());
            update(digest, program.source());
            for (Map.Entry<String, String> file : new TreeMap<>(program.files()).entrySet()) {
                update(digest, file.getKey());
                update(digest, file.getValue());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) 0);
        digest.update(bytes);
    }

    /** How a message names it: {@code the checker (cpp, sha256 1a2b3c4d5e6f)}. */
    public static String describe(String role, TestSuite.JudgeProgram program) {
        return "the " + role + " (" + program.language().wireName() + ", sha256 " + key(program).substring(0, 12) + ")";
    }

    /** The compile job of a compiled companion (its binary comes back as a fetched file); null for Python. */
    public static Sandbox.Job compileJob(String role, TestSuite.JudgeProgram program, LimitPolicy policy) {
        if (program.language() == Language.PYTHON) {
            return null;
        }
        String source = role + switch (program.language()) {
            case C -> ".c";
            case CPP -> ".cpp";
            case GO -> ".go";
            default -> throw new IllegalArgumentException("no companion build for " + program.language());
        };
        List<String> cmd = switch (program.language()) {
            // Static and stripped: the binary runs in the submission's image, whichever that is.
            case C -> List.of("gcc", "-std=c17", "-O2", "-pipe", "-static", "-s", "-o", role, source, "-lm");
            case CPP -> List.of("g++", "-std=c++17", "-O2", "-pipe", "-static", "-s", "-o", role, source);
            default -> List.of("go", "build", "-ldflags=-s -w", "-o", role, source);
        };
        Map<String, String> env = program.language() == Language.GO
                ? Map.of("TMPDIR", "/sandbox/work", "CGO_ENABLED", "0", "GOPROXY", "off", "GOCACHE",
                        "/sandbox/work/.gocache")
                : Map.of("TMPDIR", "/sandbox/work");
        Map<String, String> files = new LinkedHashMap<>(program.files());
        files.put(source, program.source());
        int memory = policy.compileMemoryMb();
        // A generous wall clock: a checker is built once for many submissions, and failing it is a 503 for them all.
        Sandbox.Command compile = new Sandbox.Command(cmd, policy.compileTimeMs(), policy.compileTimeMs() * 4,
                65536, memory, 0, env);
        Sandbox.Command nothing = new Sandbox.Command(List.of("true"), 1000, 2000, 1024, FILE_MB, 0, Map.of());
        return new Sandbox.Job(files, compile, nothing, List.of(), true, memory, memory, Map.of(), List.of(role),
                null, List.of(), null, BINARY_LIMIT_BYTES);
    }

    /** The built companion from its compile job's outcome, or the failure that names it. */
    public static Built fromCompile(String role, TestSuite.JudgeProgram program, Sandbox.Outcome outcome) {
        Sandbox.Observation compile = outcome.compile();
        String binary = outcome.fetchedFiles().get(role);
        if (compile == null || !compile.succeeded() || binary == null) {
            String why = compile == null ? "no compile phase ran"
                    : compile.timedOut() != null ? "compilation exceeded its time limit (" + compile.timedOut()
                    + ": cpu " + compile.cpuMs() + " ms, wall " + compile.wallMs() + " ms)"
                    : compile.succeeded() ? "no binary came out (larger than " + (BINARY_LIMIT_BYTES >> 20) + " MiB?)"
                    : "exit " + compile.exitCode();
            String stderr = compile == null ? "" : tail(compile.stdout() + compile.stderr(), 600);
            throw new JudgeProgramException(describe(role, program) + " does not compile: " + why
                    + (stderr.isBlank() ? "" : ": " + stderr));
        }
        return new Built(describe(role, program), List.of(DIR + role), Map.of(role, binary),
                Base64.getDecoder().decode(binary).length);
    }

    /** A Python companion is its source (and extra files, importable: they sit next to it). */
    public static Built python(String role, TestSuite.JudgeProgram program) {
        Map<String, String> files = new LinkedHashMap<>();
        long bytes = 0;
        for (Map.Entry<String, String> file : program.files().entrySet()) {
            byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
            files.put(file.getKey(), Base64.getEncoder().encodeToString(content));
            bytes += content.length;
        }
        byte[] source = program.source().getBytes(StandardCharsets.UTF_8);
        files.put(role + ".py", Base64.getEncoder().encodeToString(source));
        return new Built(describe(role, program), List.of("python3", DIR + role + ".py"), files,
                bytes + source.length);
    }

    /**
     * testlib: {@code checker input output answer}; Kattis: {@code validator input answer feedback_dir/ < output}.
     * The answer file is the case's {@code output}; the program's output is written by the runner once it ended.
     */
    public static Sandbox.Companion checker(Built built, TestSuite.Checker checker, List<TestSuite.StdioCase> cases,
                                            CodeLimits limits) {
        boolean kattis = checker.protocol() == TestSuite.CheckerProtocol.KATTIS;
        List<String> cmd = new ArrayList<>(built.cmd());
        cmd.addAll(kattis ? List.of(CHECK + "input", CHECK + "answer", CHECK + "feedback/")
                : List.of(CHECK + "input", CHECK + "output", CHECK + "answer"));
        int timeMs = Math.max(CHECKER_TIME_MS, limits.timeMs());
        Sandbox.Command command = new Sandbox.Command(cmd, timeMs, timeMs * 2 + 1000, OUTPUT_BYTES, FILE_MB, 0,
                Map.of());
        List<Integer> accept = kattis ? List.of(42) : checker.presentationErrorAccepted() ? List.of(0, 2) : List.of(0);
        List<Map<String, String>> testFiles = cases.stream()
                .map(c -> Map.of("input", c.input(), "answer", c.output())).toList();
        return new Sandbox.Companion(Sandbox.Companion.Kind.CHECKER, command, MEMORY_MB, kattis, kattis, accept,
                built.filesBase64(), testFiles);
    }

    /** testlib: {@code interactor input tout}, stdin/stdout wired to the program's stdout/stdin. */
    public static Sandbox.Companion interactor(Built built, TestSuite.Interactive tests, CodeLimits limits) {
        List<String> cmd = new ArrayList<>(built.cmd());
        cmd.addAll(List.of(CHECK + "input", CHECK + "tout"));
        Sandbox.Command command = new Sandbox.Command(cmd, limits.timeMs() + INTERACTOR_EXTRA_MS,
                limits.wallMs() + INTERACTOR_EXTRA_MS, OUTPUT_BYTES, FILE_MB, 0, Map.of());
        List<Map<String, String>> testFiles = tests.inputs().stream().map(input -> Map.of("input", input)).toList();
        return new Sandbox.Companion(Sandbox.Companion.Kind.INTERACTOR, command, MEMORY_MB, false, false, List.of(0),
                built.filesBase64(), testFiles);
    }

    static String tail(String text, int chars) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        return stripped.length() <= chars ? stripped : "…" + stripped.substring(stripped.length() - chars);
    }
}
