package dev.rewards.code;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./rewards bench code}: submissions/s and latency of (a) a trivial Python program with 10 stdio tests,
 * (b) a C++ program with 10 tests, compile included, and (c) the same with {@code <bits/stdc++.h>}, at 1, 2 and 8
 * requests in flight — as a client sees them: {@code POST /v1/code/verify} to the real service (started in this JVM
 * on a random port, at its defaults: pool, max-running, limits) — and, side by side, as plain local processes (the
 * physical floor: no isolation at all). The two paths alternate in short windows, so that load from anything else on
 * the machine hits both alike. For (c) the sandbox compiles with the C++ image's precompiled header and the plain side
 * with plain {@code g++}, so the ratio shows what the precompiled header buys against the isolation's cost.
 * An argument keeps only the workloads whose name contains it (e.g. {@code python}).
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
    /** Measured time per path and row: {@link #ROUNDS} alternating windows. */
    private static final int ROUNDS = 3;
    private static final long WINDOW_MS = 5000;
    private static final long RAMP_MS = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CodeBench() {
    }

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext service = new SpringApplicationBuilder(CodeVerifierApplication.class)
                .properties(Map.of("server.port", "0",
                        "rewards.code.image-tag", Sandboxes.VERSION,
                        "rewards.code.instance-id", "bench-" + java.util.UUID.randomUUID(),
                        "logging.level.root", "WARN",
                        "spring.main.banner-mode", "off"))
                .run();
        URI verify = URI.create("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port")
                + "/v1/code/verify");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Path scratch = Files.createTempDirectory("code-bench");
        try {
            System.out.printf(Locale.ROOT, "load before: %s%n", load());
            System.out.printf(Locale.ROOT, "%-28s %5s %12s %9s %9s %12s %9s %7s %6s%n", "workload (through HTTP)", "conc",
                    "served/s", "p50 ms", "p99 ms", "plain/s", "plain p50", "ratio", "failed");
            List<String> pchRatios = new ArrayList<>();
            for (String workload : List.of("python 10 stdio tests", "c++ compile + 10 tests",
                    "c++ stdc++.h compile + 10")) {
                if (args.length > 0 && !workload.contains(args[0])) {
                    continue;
                }
                boolean python = workload.startsWith("python");
                String code = python ? PYTHON : workload.contains("stdc++") ? CPP_STDCXX : CPP;
                byte[] body = JSON.writeValueAsBytes(request(python, code));
                for (int concurrency : new int[] {1, 2, 8}) {
                    Result[] results = interleaved(concurrency, () -> {
                        served(http, verify, body);
                        return null;
                    }, () -> {
                        plainRun(python, code, scratch);
                        return null;
                    });
                    Result boxed = results[0];
                    Result plain = results[1];
                    if (workload.contains("stdc++")) {
                        pchRatios.add(String.format(Locale.ROOT, "concurrency %d: %.2f× (p50 %.0f ms vs %.0f ms)",
                                concurrency, boxed.throughput() / plain.throughput(), boxed.p50(), plain.p50()));
                    }
                    System.out.printf(Locale.ROOT, "%-28s %5d %12.1f %9.1f %9.1f %12.1f %9.1f %6.0f%% %6d%n", workload,
                            concurrency, boxed.throughput(), boxed.p50(), boxed.p99(), plain.throughput(), plain.p50(),
                            100 * boxed.throughput() / plain.throughput(), boxed.notAccepted());
                    dev.rewards.web.BenchResult.emit("code", workload + " (HTTP), concurrency " + concurrency,
                            boxed.throughput(), "submissions", boxed.p50(), boxed.p99(), plain.throughput(),
                            "plain local processes", null);
                }
            }
            if (!pchRatios.isEmpty()) {
                System.out.println("C++ with <bits/stdc++.h>, compile + 10 tests, served with the precompiled header ÷ "
                        + "plain g++ (submissions/s): " + String.join("; ", pchRatios));
            }
            System.out.printf(Locale.ROOT, "load after: %s%n", load());
        } finally {
            service.close();
        }
        System.exit(0);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Map<String, Object> request(boolean python, String code) {
        List<Map<String, String>> cases = new ArrayList<>();
        for (int i = 0; i < TESTS; i++) {
            cases.add(Map.of("input", i + "\n", "output", (2 * i) + "\n"));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", "bench");
        request.put("language", python ? "python" : "cpp");
        request.put("code", code);
        request.put("tests", Map.of("format", "stdio", "cases", cases));
        return request;
    }

    /**
     * One request; a 429 or 503 or a verdict other than accepted (a wall-clock limit on a machine loaded far beyond
     * its cores) is not counted as done and is reported (the first of each kind printed, all counted in the table).
     */
    private static void served(HttpClient http, URI verify, byte[] body) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(verify)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        String text = new String(response.body(), StandardCharsets.UTF_8);
        String outcome = response.statusCode() != 200 ? "HTTP " + response.statusCode()
                : JSON.readTree(text).path("status").asString();
        if (!"accepted".equals(outcome)) {
            if (NOT_ACCEPTED.putIfAbsent(outcome, text) == null) {
                System.out.println("not accepted (" + outcome + "): " + text.substring(0, Math.min(600, text.length())));
            }
            throw new NotAccepted();
        }
    }

    private static final Map<String, String> NOT_ACCEPTED = new java.util.concurrent.ConcurrentHashMap<>();

    /** A served submission that did not come back accepted: not counted as done. */
    private static final class NotAccepted extends RuntimeException {
        NotAccepted() {
            super(null, null, false, false);
        }
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

    private record Result(double throughput, double p50, double p99, long notAccepted) {
    }

    private static final java.util.concurrent.atomic.AtomicLong FAILURES = new java.util.concurrent.atomic.AtomicLong();

    /** Both paths warmed up, then {@link #ROUNDS} windows of each in turn; [0] the first path, [1] the second. */
    private static Result[] interleaved(int concurrency, Callable<Void> first, Callable<Void> second) throws Exception {
        List<Callable<Void>> paths = List.of(first, second);
        List<List<Long>> latencies = List.of(new ArrayList<>(), new ArrayList<>());
        double[] seconds = new double[2];
        for (int path = 0; path < 2; path++) {
            window(concurrency, paths.get(path), WARMUP_MS, 0, new ArrayList<>());
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int path = 0; path < 2; path++) {
                seconds[path] += window(concurrency, paths.get(path), RAMP_MS, WINDOW_MS, latencies.get(path));
            }
        }
        Result[] results = new Result[2];
        long notAccepted = FAILURES.getAndSet(0);
        for (int path = 0; path < 2; path++) {
            List<Long> sorted = new ArrayList<>(latencies.get(path));
            Collections.sort(sorted);
            long failed = path == 0 ? notAccepted : 0;
            results[path] = sorted.isEmpty() ? new Result(0, 0, 0, failed) : new Result(sorted.size() / seconds[path],
                    sorted.get(sorted.size() / 2) / 1e6,
                    sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6, failed);
        }
        return results;
    }

    /**
     * {@code concurrency} workers submit back to back; after {@code rampMs} the submissions that complete within the
     * next {@code measureMs} (or until {@code concurrency} have) are counted (their latencies added); returns the
     * measured seconds.
     */
    private static double window(int concurrency, Callable<Void> submission, long rampMs, long measureMs,
                                 List<Long> latencies) throws Exception {
        // Daemon workers: a submission that fails the bench ends the JVM with its exception instead of hanging it.
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "bench");
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        List<Long> measured = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            workers.add(pool.submit(() -> {
                while (!stop.get()) {
                    long start = System.nanoTime();
                    try {
                        submission.call();
                    } catch (NotAccepted e) {
                        if (measuring.get()) {
                            FAILURES.incrementAndGet();
                        }
                        continue;
                    }
                    long end = System.nanoTime();
                    if (measuring.get()) {
                        measured.add(end - start);
                    }
                }
                return null;
            }));
        }
        Thread.sleep(rampMs);
        long started = System.nanoTime();
        measuring.set(measureMs > 0);
        Thread.sleep(measureMs);
        // A slow row at 8 in flight (plain g++ with <bits/stdc++.h>: 8 s a submission) completes nothing in the
        // window: it lasts until as many submissions as workers have completed in it (at most a minute more).
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (measureMs > 0 && measured.size() < concurrency && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        measuring.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        latencies.addAll(measured);
        return seconds;
    }
}
