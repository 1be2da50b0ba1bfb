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
    private static final Map<Language, Integer> RUNTIME_OVERHEAD_MB = Map.ofEntries(Map.entry(Language.PYTHON, 64),
            Map.entry(Language.C, 64), Map.entry(Language.CPP, 64), Map.entry(Language.JAVA, 256),
            Map.entry(Language.JAVASCRIPT, 128), Map.entry(Language.GO, 64), Map.entry(Language.RUST, 64),
            Map.entry(Language.TYPESCRIPT, 128), Map.entry(Language.CSHARP, 128), Map.entry(Language.RUBY, 64),
            Map.entry(Language.BASH, 64));
    private static final int STDERR_BYTES = 8192;
    /** 0 = unlimited: bounded by the memory limit, as on DOMjudge and Codeforces; deep recursion is legitimate. */
    private static final int STACK_MB = 0;
    private static final int JAVA_STACK_MB = 64;
    private static final int FILE_MB = 64;
    /** Built into the C++ image (sandbox/languages/cpp/setup.sh) with the flags of {@link #CPP_FLAGS}. */
    private static final String CPP_PCH_DIR = "/opt/rewards/pch";
    private static final List<String> CPP_FLAGS = List.of("-std=c++17", "-O2");
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
        Map<String, String> runEnv = Map.of();
        Sandbox.Command compile;
        if (tests instanceof TestSuite.Stdio stdio) {
            SourceLayout layout = layout(language, code);
            files = Map.of(layout.fileName(), code);
            run = layout.run(limits.memoryMb());
            runEnv = layout.env(limits.memoryMb());
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
                limits.outputKb() * 1024L, FILE_MB, STACK_MB, runEnv);
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
            // -I: the directory of the precompiled <bits/stdc++.h>, which GCC takes when the flags agree.
            case CPP -> concat(List.of("g++"), CPP_FLAGS, List.of("-pipe", "-I" + CPP_PCH_DIR, "-o", "main",
                    layout.fileName()));
            case JAVA -> List.of("javac", "-J-Xmx" + (policy.compileMemoryMb() * 3 / 4) + "m", "-J-XX:+UseSerialGC",
                    "-J-XX:TieredStopAtLevel=1", "-J-XX:-UsePerfData", "-encoding", "UTF-8", "-nowarn", "-d", ".",
                    layout.fileName());
            case JAVASCRIPT -> List.of("node", "--check", layout.fileName());
            case GO -> List.of("go", "build", "-o", "main", layout.fileName());
            case RUST -> List.of("rustc", "--edition", "2021", "-O", "-o", "main", layout.fileName());
            // Type errors are compile errors (no JavaScript is emitted); Node's own types come with Debian's nodejs.
            // esModuleInterop: `import fs from 'fs'` is valid for Node as `import * as fs from 'fs'` is.
            case TYPESCRIPT -> List.of("tsc", "--target", "es2022", "--lib", "es2022", "--module", "commonjs",
                    "--esModuleInterop", "--types", "node", "--typeRoots", "/usr/share/nodejs/@types",
                    "--skipLibCheck", "--noEmitOnError", "--pretty", "false", "--outDir", ".", layout.fileName());
            case CSHARP -> List.of("mcs", "-optimize+", "-r:System.Numerics", "-out:main.exe", layout.fileName());
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
        return new Sandbox.Command(cmd, policy.compileTimeMs(), policy.compileTimeMs() + 5000, 65536, fileMb,
                STACK_MB, env);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
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
                case JAVA -> List.of("java", "-Xmx" + memoryMb + "m", "-Xss" + JAVA_STACK_MB + "m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp", ".", mainClass);
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
