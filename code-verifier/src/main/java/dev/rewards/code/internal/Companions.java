package dev.rewards.code.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.rewards.code.CodeLimits;
import dev.rewards.code.JudgeProgramException;
import dev.rewards.code.Language;
import dev.rewards.code.LimitPolicy;
import dev.rewards.code.Sandbox;
import dev.rewards.code.TestSuite;

/**
 * Checkers and interactors ("companions"), in any language: built once in their own language's sandbox (a static,
 * stripped binary for C, C++, Go and Rust; a jar, emitted JavaScript or a .NET assembly for Java, TypeScript and C#)
 * or taken as their source (Python, JavaScript, Ruby, Bash), then shipped with each job into a directory only the
 * companion's uid may read (runner.py: /sandbox/judge), in the submission's own container ({@link #hosts}).
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
    /** A JVM companion's heap: its resident size (heap, metaspace, code) stays within {@link #MEMORY_MB}. */
    private static final int JVM_HEAP_MB = 256;

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

    /**
     * The languages whose submissions a companion of {@code language} can run beside. Its built form is shipped into
     * the submission's own container (the one isolation of a test: one memory, one pid and one CPU bound, the pipes
     * of an interactor within): static binaries (C, C++, Go, Rust) and Python and Bash sources run in every image
     * (every image has the runner's Python, and Bash); a program that needs a runtime of its own (JVM, Node, Mono,
     * Ruby) runs in the images that have that runtime only.
     */
    public static Set<Language> hosts(Language language) {
        return switch (language) {
            case C, CPP, GO, RUST, PYTHON, BASH -> EnumSet.allOf(Language.class);
            case JAVASCRIPT, TYPESCRIPT -> EnumSet.of(Language.JAVASCRIPT, Language.TYPESCRIPT);
            case JAVA, CSHARP, RUBY -> EnumSet.of(language);
        };
    }

    /** Refuses (a bad request: 400) a companion whose runtime is not in the submission's sandbox image. */
    public static void requireHost(String role, TestSuite.JudgeProgram program, Language submission) {
        Language language = program.language();
        if (!hosts(language).contains(submission)) {
            throw new IllegalArgumentException("tests." + role + ".language: a " + language.wireName() + " " + role
                    + " runs beside " + hosts(language).stream().map(Language::wireName).sorted()
                    .collect(Collectors.joining(" or ")) + " submissions only (it runs in the submission's sandbox,"
                    + " and only that image has its runtime), not beside " + submission.wireName()
                    + "; write it in c, cpp, go, rust, python or bash to judge every language");
        }
    }

    /** True when the companion is built in its language's sandbox first; else its source is shipped as it is. */
    public static boolean compiled(Language language) {
        return language.compiled();
    }

    /** The compile job of a compiled companion; what it builds comes back as a fetched file. */
    public static Sandbox.Job compileJob(String role, TestSuite.JudgeProgram program, LimitPolicy policy) {
        Language language = program.language();
        String source = sourceName(role, program);
        String artifact = artifact(role, language);
        List<String> cmd = switch (language) {
            // Static and stripped: the binary runs in the submission's image, whichever that is.
            case C -> List.of("gcc", "-std=c17", "-O2", "-pipe", "-static", "-s", "-o", role, source, "-lm");
            case CPP -> List.of("g++", "-std=c++17", "-O2", "-pipe", "-static", "-s", "-o", role, source);
            case GO -> List.of("go", "build", "-ldflags=-s -w", "-o", role, source);
            case RUST -> List.of("rustc", "--edition", "2021", "-O", "-C", "target-feature=+crt-static", "-C",
                    "strip=symbols", "-o", role, source);
            // One jar of every class the source declares (nested and helper classes included); the arguments pass
            // through "$@", never through the shell's parser.
            case JAVA -> Programs.concat(List.of("sh", "-c", "mkdir -p classes && \"$@\" && jar cf " + artifact
                    + " -C classes .", "sh"), Programs.javac(policy), List.of("-sourcepath", ".", "-d", "classes",
                    source));
            case TYPESCRIPT -> Programs.concat(Programs.TSC, List.of(source));
            case CSHARP -> Programs.concat(Programs.MCS, List.of("-out:" + artifact, source));
            default -> throw new IllegalArgumentException("no companion build for " + language);
        };
        Map<String, String> env = language == Language.GO
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
        return new Sandbox.Job(files, compile, nothing, List.of(), true, memory, memory, Map.of(), List.of(artifact),
                null, List.of(), null, BINARY_LIMIT_BYTES);
    }

    /** The built companion from its compile job's outcome, or the failure that names it. */
    public static Built fromCompile(String role, TestSuite.JudgeProgram program, Sandbox.Outcome outcome) {
        Sandbox.Observation compile = outcome.compile();
        String artifact = artifact(role, program.language());
        String binary = outcome.fetchedFiles().get(artifact);
        if (compile == null || !compile.succeeded() || binary == null) {
            String why = compile == null ? "no compile phase ran"
                    : compile.timedOut() != null ? "compilation exceeded its time limit (" + compile.timedOut()
                    + ": cpu " + compile.cpuMs() + " ms, wall " + compile.wallMs() + " ms)"
                    : compile.succeeded() ? "no " + artifact + " came out (larger than " + (BINARY_LIMIT_BYTES >> 20)
                    + " MiB?)"
                    : "exit " + compile.exitCode();
            String stderr = compile == null ? "" : tail(compile.stdout() + compile.stderr(), 600);
            throw new JudgeProgramException(describe(role, program) + " does not compile: " + why
                    + (stderr.isBlank() ? "" : ": " + stderr));
        }
        return new Built(describe(role, program), command(role, program), Map.of(artifact, binary),
                Base64.getDecoder().decode(binary).length);
    }

    /** A companion of an interpreted language is its source (and extra files, importable: they sit next to it). */
    public static Built source(String role, TestSuite.JudgeProgram program) {
        if (compiled(program.language())) {
            throw new IllegalArgumentException(program.language() + " companions are compiled");
        }
        Map<String, String> files = new LinkedHashMap<>();
        long bytes = 0;
        for (Map.Entry<String, String> file : program.files().entrySet()) {
            byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
            files.put(file.getKey(), Base64.getEncoder().encodeToString(content));
            bytes += content.length;
        }
        byte[] source = program.source().getBytes(StandardCharsets.UTF_8);
        files.put(sourceName(role, program), Base64.getEncoder().encodeToString(source));
        return new Built(describe(role, program), command(role, program), files, bytes + source.length);
    }

    /**
     * The command that starts the built companion. Interpreters run isolated from the environment (the runner
     * passes an allow-listed one anyway) and from any user site: Python with -s -E (not -I, which would drop the
     * companion's own directory, where its helper files sit, from the import path).
     */
    static List<String> command(String role, TestSuite.JudgeProgram program) {
        String artifact = DIR + artifact(role, program.language());
        return switch (program.language()) {
            case C, CPP, GO, RUST -> List.of(artifact);
            case PYTHON -> List.of("python3", "-s", "-E", artifact);
            case JAVA -> Programs.concat(List.of("java", "-Xmx" + JVM_HEAP_MB + "m"), Programs.JVM_OPTIONS,
                    List.of("-cp", artifact, Programs.layout(Language.JAVA, program.source()).mainClass()));
            case JAVASCRIPT, TYPESCRIPT -> List.of("node", artifact);
            case CSHARP -> List.of("mono", artifact);
            case RUBY -> List.of("ruby", "--disable-gems", artifact);
            case BASH -> List.of("bash", "--norc", "--noprofile", artifact);
        };
    }

    /** The companion's source file name: the role's, but for Java, whose public class names its file. */
    static String sourceName(String role, TestSuite.JudgeProgram program) {
        return switch (program.language()) {
            case JAVA -> Programs.layout(Language.JAVA, program.source()).fileName();
            case C -> role + ".c";
            case CPP -> role + ".cpp";
            case GO -> role + ".go";
            case RUST -> role + ".rs";
            case TYPESCRIPT -> role + ".ts";
            case CSHARP -> role + ".cs";
            case PYTHON -> role + ".py";
            case JAVASCRIPT -> role + ".js";
            case RUBY -> role + ".rb";
            case BASH -> role + ".sh";
        };
    }

    /** What ships: a binary, a jar, emitted JavaScript, a .NET assembly, or the source itself. */
    static String artifact(String role, Language language) {
        return switch (language) {
            case C, CPP, GO, RUST -> role;
            case JAVA -> role + ".jar";
            case TYPESCRIPT, JAVASCRIPT -> role + ".js";
            case CSHARP -> role + ".exe";
            case PYTHON -> role + ".py";
            case RUBY -> role + ".rb";
            case BASH -> role + ".sh";
        };
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
