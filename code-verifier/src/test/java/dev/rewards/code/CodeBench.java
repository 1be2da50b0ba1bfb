package dev.rewards.code;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.rewards.code.docker.DockerSandbox;

/**
 * {@code ./rewards bench code}: submissions/s and latency of (a) a trivial Python program with 10 stdio tests,
 * (b) a C++ program with 10 tests, compile included, and (c) the same with {@code <bits/stdc++.h>}, at concurrency
 * 1, 2 and 8 — through the warm-container sandbox and, side by side, as plain local processes (the physical floor:
 * no isolation at all). For (c) the sandbox compiles with the C++ image's precompiled header and the plain side
 * with plain {@code g++}, so the ratio shows what the precompiled header buys against the isolation's cost.
 * An argument keeps only the workloads whose name contains it (e.g. {@code stdc++}).
 */
public final class CodeBench {

    private static final String PYTHON = "n = int(input())\nprint(n * 2)\n";
    private static final String CPP = "#include <iostream>\nint main(){long n; std::cin >> n; std::cout << n * 2 << \"\\n\";}\n";
    private static final String CPP_STDCXX = "#include <bits/stdc++.h>\nusing namespace std;\n"
            + "int main(){long long n; cin >> n; vector<long long> v{n, n}; cout << accumulate(v.begin(), v.end(), 0LL) << \"\\n\";}\n";
    private static final int TESTS = 10;
    /** The system interpreter, not a version-manager shim that would add a shell to every start. */
    private static final String PLAIN_PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3"
            : "python3";
    private static final long WARMUP_MS = 3000;
    private static final long MEASURE_MS = 10000;

    private CodeBench() {
    }

    public static void main(String[] args) throws Exception {
        DockerSandbox sandbox = Sandboxes.start(8);
        CodeJudge judge = new CodeJudge(sandbox, LimitPolicy.STANDARD);
        Path scratch = Files.createTempDirectory("code-bench");
        try {
            System.out.printf(Locale.ROOT, "%-28s %5s %12s %9s %9s %12s %7s%n", "workload", "conc", "sandbox/s",
                    "p50 ms", "p99 ms", "plain/s", "ratio");
            List<String> pchRatios = new ArrayList<>();
            for (String workload : List.of("python 10 stdio tests", "c++ compile + 10 tests",
                    "c++ stdc++.h compile + 10")) {
                if (args.length > 0 && !workload.contains(args[0])) {
                    continue;
                }
                boolean python = workload.startsWith("python");
                String code = python ? PYTHON : workload.contains("stdc++") ? CPP_STDCXX : CPP;
                for (int concurrency : new int[] {1, 2, 8}) {
                    Result boxed = measure(concurrency, () -> {
                        CodeResult result = judge.verify(submission(python, code));
                        if (result.status() != Verdict.ACCEPTED) {
                            throw new IllegalStateException("bench submission not accepted: " + result);
                        }
                        return null;
                    });
                    Result plain = measure(concurrency, () -> {
                        plainRun(python, code, scratch);
                        return null;
                    });
                    if (workload.contains("stdc++")) {
                        pchRatios.add(String.format(Locale.ROOT, "concurrency %d: %.2f× (p50 %.0f ms vs %.0f ms)",
                                concurrency, boxed.throughput() / plain.throughput(), boxed.p50(), plain.p50()));
                    }
                    System.out.printf(Locale.ROOT, "%-28s %5d %12.1f %9.1f %9.1f %12.1f %6.0f%%%n", workload,
                            concurrency, boxed.throughput(), boxed.p50(), boxed.p99(), plain.throughput(),
                            100 * boxed.throughput() / plain.throughput());
                    dev.rewards.web.BenchResult.emit("code", workload + ", concurrency " + concurrency,
                            boxed.throughput(), "submissions", boxed.p50(), boxed.p99(), plain.throughput(),
                            "plain local processes", null);
                }
            }
            System.out.println("C++ with <bits/stdc++.h>, compile + 10 tests, sandbox with the precompiled header ÷ "
                    + "plain g++ (submissions/s): " + String.join("; ", pchRatios));
        } finally {
            sandbox.close();
        }
        System.exit(0);
    }

    private static CodeSubmission submission(boolean python, String code) {
        List<TestSuite.StdioCase> cases = new ArrayList<>();
        for (int i = 0; i < TESTS; i++) {
            cases.add(new TestSuite.StdioCase(i + "\n", (2 * i) + "\n"));
        }
        return new CodeSubmission("bench", python ? Language.PYTHON : Language.CPP, null, code,
                new TestSuite.Stdio(cases), LimitPolicy.STANDARD.defaults(), null, false, true);
    }

    /** The same work as plain processes: python3 per test, or g++ (no precompiled header) once and the binary per test. */
    private static void plainRun(boolean python, String code, Path scratch) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(scratch, "run");
        Path source = dir.resolve(python ? "main.py" : "main.cpp");
        Files.writeString(source, code);
        if (!python) {
            process(List.of("g++", "-std=c++17", "-O2", "-pipe", "-o", dir.resolve("main").toString(),
                    source.toString()), "");
        }
        for (int i = 0; i < TESTS; i++) {
            String out = process(python ? List.of(PLAIN_PYTHON, source.toString()) : List.of(dir.resolve("main").toString()),
                    i + "\n");
            if (!out.strip().equals(String.valueOf(2 * i))) {
                throw new IllegalStateException("plain run printed " + out);
            }
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    private static String process(List<String> cmd, String stdin) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(cmd + " failed: " + out);
        }
        return out;
    }

    private record Result(double throughput, double p50, double p99) {
    }

    private static Result measure(int concurrency, java.util.concurrent.Callable<Void> submission) throws Exception {
        // Daemon workers: a submission that fails the bench ends the JVM with its exception instead of hanging it.
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "bench");
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(pool.submit(() -> {
                while (!stop.get()) {
                    long start = System.nanoTime();
                    submission.call();
                    if (measuring.get()) {
                        latencies.add(System.nanoTime() - start);
                    }
                }
                return null;
            }));
        }
        Thread.sleep(WARMUP_MS);
        long started = System.nanoTime();
        measuring.set(true);
        Thread.sleep(MEASURE_MS);
        measuring.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return new Result(0, 0, 0);
        }
        return new Result(sorted.size() / seconds, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6);
    }
}
