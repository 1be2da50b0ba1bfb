package dev.rewards.code.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rewards.code.CodeLimits;
import dev.rewards.code.Language;
import dev.rewards.code.LimitPolicy;
import dev.rewards.code.Sandbox;
import dev.rewards.code.TestSuite;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a program and its tests into a sandbox job: the files, the compile and run commands of the language, one
 * stdin per test. Call and assert tests are judged tests: the program is only {@code solution.py}, served by the
 * callee harness, and a trusted judge next to it (another uid) gets each test's data on its stdin, calls the solution
 * and compares type-strictly — nothing the program prints or does to its own process can pass for success.
 */
public final class Programs {

    /** Memory the runtime needs beyond the program's own limit: the runner, the interpreter or the JVM's non-heap. */
    private static final Map<Language, Integer> RUNTIME_OVERHEAD_MB = Map.ofEntries(Map.entry(Language.PYTHON, 64),
            Map.entry(Language.C, 64), Map.entry(Language.CPP, 64), Map.entry(Language.JAVA, 256),
            Map.entry(Language.JAVASCRIPT, 128), Map.entry(Language.GO, 64), Map.entry(Language.RUST, 64),
            Map.entry(Language.TYPESCRIPT, 128), Map.entry(Language.CSHARP, 128), Map.entry(Language.RUBY, 64),
            Map.entry(Language.BASH, 64));
    /** 0 = unlimited: bounded by the memory limit, as on DOMjudge and Codeforces; deep recursion is legitimate. */
    private static final int STACK_MB = 0;
    private static final int JAVA_STACK_MB = 64;
    private static final int FILE_MB = 64;
    /** The harness files are installed in the sandbox image (sandbox/common → /opt/rewards, root-owned). */
    static final List<String> CALLEE = List.of("python3", "/opt/rewards/callee.py");
    /** -I: no environment variables, no user site, no script or work directory on the judge's import path. */
    static final List<String> JUDGE = List.of("python3", "-I", "/opt/rewards/judge.py");
    static final String SOLUTION_FILE = "solution.py";
    /** The judge's verdict is one short JSON line; the rest is room for nothing. */
    private static final long JUDGE_OUTPUT_BYTES = 1 << 20;
    /** Beyond the program's limits: the judge's start-up and the decoding and comparing of what the program sent. */
    private static final int JUDGE_EXTRA_MS = 2000;
    /** Built into the C++ image (sandbox/languages/cpp/setup.sh) with the flags of {@link #CPP_FLAGS}. */
    private static final String CPP_PCH_DIR = "/opt/rewards/pch";
    private static final List<String> CPP_FLAGS = List.of("-std=c++17", "-O2");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Programs() {
    }

    /**
     * A job whose tests are judged by a companion (a checker or an interactor, see {@link Companions}): the
     * container's memory holds the program and, for an interactor running beside it, the interactor too.
     */
    public static Sandbox.Job prepare(Language language, String code, TestSuite tests, CodeLimits limits,
                                      LimitPolicy policy, boolean stopOnFailure, Sandbox.Companion companion) {
        Sandbox.Job job = prepare(language, code, tests, limits, policy, stopOnFailure, 0);
        int memory = companion.kind() == Sandbox.Companion.Kind.INTERACTOR
                ? job.runMemoryMb() + companion.memoryMb()
                : Math.max(job.runMemoryMb(), companion.memoryMb() + RUNTIME_OVERHEAD_MB.get(Language.PYTHON));
        return job.withCompanion(companion, memory);
    }

    /** {@code floatTolerance}: of call results whose expected value is a float. */
    public static Sandbox.Job prepare(Language language, String code, TestSuite tests, CodeLimits limits,
                                      LimitPolicy policy, boolean stopOnFailure, double floatTolerance) {
        int runMemory = limits.memoryMb() + RUNTIME_OVERHEAD_MB.get(language);
        if (tests instanceof TestSuite.Stdio || tests instanceof TestSuite.Interactive) {
            SourceLayout layout = layout(language, code);
            // An interactive program's stdin is its interactor's stdout: the runner wires it, the memfd stays empty.
            List<String> stdins = tests instanceof TestSuite.Stdio stdio
                    ? stdio.cases().stream().map(TestSuite.StdioCase::input).toList()
                    : Collections.nCopies(tests.size(), "");
            int compileMemory = language.compiled() ? Math.max(policy.compileMemoryMb(), runMemory) : runMemory;
            return new Sandbox.Job(Map.of(layout.fileName(), code), compileCommand(language, layout, policy),
                    runCommand(layout.run(limits.memoryMb()), limits, layout.env(limits.memoryMb())), stdins, stopOnFailure, compileMemory,
                    runMemory);
        }
        List<String> judgeInputs = judgeInputs(tests, floatTolerance);
        Sandbox.Command judge = new Sandbox.Command(JUDGE, limits.timeMs() + JUDGE_EXTRA_MS,
                limits.wallMs() + JUDGE_EXTRA_MS, JUDGE_OUTPUT_BYTES, FILE_MB, STACK_MB, Map.of());
        return new Sandbox.Job(Map.of(SOLUTION_FILE, code), syntaxCheck(SOLUTION_FILE, policy),
                runCommand(CALLEE, limits, Map.of()), Collections.nCopies(judgeInputs.size(), ""), stopOnFailure,
                runMemory, runMemory, Map.of(), List.of(), judge, judgeInputs);
    }

    /**
     * One judge input per test (judge.py's stdin): {@code {"mode": "call", "fn_name", "args", "expected",
     * "float_tolerance"}} per call case, {@code {"mode": "assert", "test_code", "entry_point"}} for an assert suite.
     */
    static List<String> judgeInputs(TestSuite tests, double floatTolerance) {
        List<String> inputs = new ArrayList<>();
        if (tests instanceof TestSuite.Call call) {
            for (TestSuite.CallCase c : call.cases()) {
                Map<String, Object> input = new LinkedHashMap<>();
                input.put("mode", "call");
                input.put("fn_name", call.fnName());
                input.put("args", c.args());
                input.put("expected", c.expected());
                input.put("float_tolerance", floatTolerance);
                inputs.add(JSON.writeValueAsString(input));
            }
        } else if (tests instanceof TestSuite.Assert asserts) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("mode", "assert");
            input.put("test_code", asserts.testCode());
            input.put("entry_point", asserts.entryPoint());
            if (asserts.prelude() != null && !asserts.prelude().isBlank()) {
                input.put("prelude", asserts.prelude());
            }
            inputs.add(JSON.writeValueAsString(input));
        }
        return inputs;
    }

    private static Sandbox.Command runCommand(List<String> cmd, CodeLimits limits, Map<String, String> env) {
        return new Sandbox.Command(cmd, limits.timeMs(), limits.wallMs(), limits.outputKb() * 1024L, FILE_MB,
                STACK_MB, env);
    }

    private static Sandbox.Command syntaxCheck(String file, LimitPolicy policy) {
        return new Sandbox.Command(List.of("@python-syntax", file), policy.compileTimeMs(), compileWallMs(policy),
                65536, FILE_MB, STACK_MB, Map.of());
    }

    private static Sandbox.Command compileCommand(Language language, SourceLayout layout, LimitPolicy policy) {
        List<String> cmd = switch (language) {
            case PYTHON -> List.of("@python-syntax", layout.fileName());
            // gold links in a third of bfd's time, and a 512 MiB static array (legal C) in 2.7 s instead of 5.5 s of
            // CPU — bfd's link alone came near the compile's CPU limit.
            case C -> List.of("gcc", "-std=c17", "-O2", "-pipe", "-fuse-ld=gold", "-o", "main", layout.fileName(),
                    "-lm");
            // -I: the directory of the precompiled <bits/stdc++.h>, which GCC takes when the flags agree.
            case CPP -> concat(List.of("g++"), CPP_FLAGS, List.of("-pipe", "-fuse-ld=gold", "-I" + CPP_PCH_DIR,
                    "-o", "main", layout.fileName()));
            case JAVA -> concat(javac(policy), List.of("-d", ".", layout.fileName()));
            case JAVASCRIPT -> List.of("node", "--check", layout.fileName());
            case GO -> List.of("go", "build", "-o", "main", layout.fileName());
            case RUST -> List.of("rustc", "--edition", "2021", "-O", "-o", "main", layout.fileName());
            case TYPESCRIPT -> concat(TSC, List.of(layout.fileName()));
            case CSHARP -> concat(MCS, List.of("-out:main.exe", layout.fileName()));
            case RUBY -> List.of("ruby", "-c", layout.fileName());
            case BASH -> List.of("bash", "-n", layout.fileName());
        };
        // Compilers may write big binaries (static arrays); the work directory's tmpfs bounds them anyway.
        int fileMb = language.compiled() ? policy.compileMemoryMb() : FILE_MB;
        // Temporary objects go to the big work directory, not the small /tmp (a 512 MiB static array is legal C).
        Map<String, String> env = language == Language.GO
                // Static binaries without the C toolchain, no module downloads (there is no network anyway).
                ? Map.of("TMPDIR", "/sandbox/work", "CGO_ENABLED", "0", "GOPROXY", "off", "GOCACHE",
                        "/sandbox/work/.gocache")
                : Map.of("TMPDIR", "/sandbox/work");
        return new Sandbox.Command(cmd, policy.compileTimeMs(), compileWallMs(policy), 65536, fileMb, STACK_MB, env);
    }

    /**
     * CPU time is the compile's limit; the wall clock only stops a compiler that blocks. With every core busy a
     * compile gets a fraction of one, so a wall clock near the CPU limit failed legal programs under load only.
     */
    private static int compileWallMs(LimitPolicy policy) {
        return policy.compileTimeMs() * 3;
    }

    /** javac with a heap within the compile memory and a JVM that starts fast (companions use it too). */
    static List<String> javac(LimitPolicy policy) {
        return List.of("javac", "-J-Xmx" + (policy.compileMemoryMb() * 3 / 4) + "m", "-J-XX:+UseSerialGC",
                "-J-XX:TieredStopAtLevel=1", "-J-XX:-UsePerfData", "-encoding", "UTF-8", "-nowarn");
    }

    /**
     * Type errors are compile errors (no JavaScript is emitted); Node's own types come with Debian's nodejs.
     * esModuleInterop: `import fs from 'fs'` is valid for Node as `import * as fs from 'fs'` is. Emits next to the
     * source.
     */
    static final List<String> TSC = List.of("tsc", "--target", "es2022", "--lib", "es2022", "--module", "commonjs",
            "--esModuleInterop", "--types", "node", "--typeRoots", "/usr/share/nodejs/@types", "--skipLibCheck",
            "--noEmitOnError", "--pretty", "false", "--outDir", ".");
    static final List<String> MCS = List.of("mcs", "-optimize+", "-r:System.Numerics");
    /** The JVM's options of every run: serial collector, quick start (companions use them too). */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData");

    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }

    /** File name and run command of a stdio program. */
    record SourceLayout(String fileName, Language language, String mainClass) {
        List<String> run(int memoryMb) {
            return switch (language) {
                case PYTHON -> List.of("python3", fileName);
                case C, CPP, GO, RUST -> List.of("./main");
                case JAVA -> concat(List.of("java", "-Xmx" + memoryMb + "m", "-Xss" + JAVA_STACK_MB + "m"),
                        JVM_OPTIONS, List.of("-cp", ".", mainClass));
                // TypeScript runs as what tsc emitted next to its source.
                case JAVASCRIPT, TYPESCRIPT -> List.of("node", "--max-old-space-size=" + memoryMb,
                        "--stack-size=16384", fileName.replaceFirst("\\.ts$", ".js"));
                // The heap capped at the limit, as -Xmx for Java: exceeding it is Mono's OutOfMemoryException.
                case CSHARP -> List.of("mono", "--gc-params=max-heap-size=" + memoryMb + "m", "main.exe");
                case RUBY -> List.of("ruby", fileName);
                case BASH -> List.of("bash", fileName);
            };
        }

        /** Environment of the runs: Go's collector works to stay within the limit instead of doubling past it. */
        Map<String, String> env(int memoryMb) {
            return language == Language.GO ? Map.of("GOMEMLIMIT", memoryMb + "MiB") : Map.of();
        }
    }

    static SourceLayout layout(Language language, String code) {
        return switch (language) {
            case PYTHON -> new SourceLayout("main.py", language, null);
            case C -> new SourceLayout("main.c", language, null);
            case CPP -> new SourceLayout("main.cpp", language, null);
            case JAVASCRIPT -> new SourceLayout("main.js", language, null);
            case GO -> new SourceLayout("main.go", language, null);
            case RUST -> new SourceLayout("main.rs", language, null);
            case TYPESCRIPT -> new SourceLayout("main.ts", language, null);
            case CSHARP -> new SourceLayout("main.cs", language, null);
            case RUBY -> new SourceLayout("main.rb", language, null);
            case BASH -> new SourceLayout("main.sh", language, null);
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
}
