package dev.rewards.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./rewards soak}: an open-loop load generator against the gateway on loopback — requests start on a fixed
 * schedule whatever the latency — with a realistic mix: 70% math batches (4 golds × 16 R1 responses, profile r1),
 * 20% code batches (2 Python submissions with stdio tests, profile code), 10% format/language-only batches (16
 * samples). Reports requests and samples served, errors (non-200 answers, null rewards, timeouts), p50/p99 per
 * minute, each service's heap and live threads and the number of sandbox containers at start and end.
 */
public final class Soak {

    /** What to drive and where to look. */
    /** {@code sandboxFilter} is the Docker label filter that selects the sandbox containers to count. */
    public record Settings(String gateway, Map<String, String> services, Duration length, double requestsPerSecond,
                           Path root, String sandboxFilter) {
    }

    /** Per-minute figures. */
    public record Minute(int minute, int requests, int errors, double p50Ms, double p99Ms) {
    }

    /** A service's state at a moment. */
    public record Snapshot(Map<String, Long> heapMb, Map<String, Long> threads, int sandboxContainers) {
    }

    /**
     * {@code errorKinds}: errors by kind — {@code http_429} (refused at admission), {@code http_503}, {@code
     * null_reward} (a component unavailable), {@code transport} (timeouts and connection failures) — which tells a
     * load shed early from requests that waited into their deadline.
     */
    public record Report(int requests, long samples, int errors, List<String> errorExamples, List<Minute> minutes,
                         Snapshot start, Snapshot end, double requestsPerSecond, double seconds,
                         Map<String, Integer> errorKinds) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+]+)$",
            Pattern.MULTILINE);
    private static final Pattern THREADS = Pattern.compile("^jvm_threads_live_threads(?:\\{[^}]*})? ([0-9.eE+]+)$",
            Pattern.MULTILINE);

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8)).build();
    private final List<String[]> mathCases;

    public Soak(Settings settings) throws IOException {
        this.settings = settings;
        this.mathCases = new ArrayList<>();
        for (String line : Files.readAllLines(settings.root().resolve("math-verifier/src/test/resources/corpus/math-cases.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                mathCases.add(new String[] {node.get("gold").asString(), node.get("pred").asString()});
            }
        }
    }

    public Report run() throws Exception {
        Snapshot start = snapshot();
        Random random = new Random(11);
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger errorCount = new AtomicInteger();
        Map<String, Integer> errorKinds = new java.util.concurrent.ConcurrentSkipListMap<>();
        AtomicInteger requests = new AtomicInteger();
        AtomicLong samples = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        long begin = System.nanoTime();
        long periodNanos = (long) (1e9 / settings.requestsPerSecond());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.scheduleAtFixedRate(() -> {
            double pick = random.nextDouble();
            Map<String, Object> body = pick < 0.7 ? mathBatch(random) : pick < 0.9 ? codeBatch(random) : textBatch(random);
            int size = ((List<?>) body.get("samples")).size();
            long sent = System.nanoTime();
            requests.incrementAndGet();
            if (inFlight.incrementAndGet() > 500) {
                inFlight.decrementAndGet();
                errorKinds.merge("client_backlog", 1, Integer::sum);
                fail(errors, errorCount, "over 500 requests in flight: the suite does not keep up");
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.gateway() + "/v1/rewards"))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                inFlight.decrementAndGet();
                long done = System.nanoTime();
                latencies.add(new long[] {(sent - begin) / 60_000_000_000L, done - sent});
                if (failure != null) {
                    errorKinds.merge("transport", 1, Integer::sum);
                    fail(errors, errorCount, failure.toString());
                } else if (response.statusCode() != 200) {
                    errorKinds.merge("http_" + response.statusCode(), 1, Integer::sum);
                    fail(errors, errorCount, "HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
                } else {
                    JsonNode results = JSON.readTree(response.body()).get("results");
                    for (JsonNode result : results) {
                        if (result.get("reward").isNull()) {
                            errorKinds.merge("null_reward", 1, Integer::sum);
                            fail(errors, errorCount, "reward null: " + abbreviate(result.toString()));
                            return;
                        }
                    }
                    samples.addAndGet(size);
                }
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        clock.awaitTermination(settings.length().toMillis(), TimeUnit.MILLISECONDS);
        clock.shutdownNow();
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (inFlight.get() > 0) {
            errorKinds.merge("transport", inFlight.get(), Integer::sum);
            fail(errors, errorCount, inFlight.get() + " requests still unanswered 150 s after the end");
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Thread.sleep(2000);
        Snapshot end = snapshot();
        return new Report(requests.get(), samples.get(), errorCount.get(), List.copyOf(errors), minutes(latencies),
                start, end, settings.requestsPerSecond(), seconds, Map.copyOf(errorKinds));
    }

    private static void fail(ConcurrentLinkedQueue<String> errors, AtomicInteger count, String message) {
        if (count.incrementAndGet() <= 10) {
            errors.add(message);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static List<Minute> minutes(ConcurrentLinkedQueue<long[]> latencies) {
        Map<Integer, List<Long>> byMinute = new java.util.TreeMap<>();
        latencies.forEach(l -> byMinute.computeIfAbsent((int) l[0], m -> new ArrayList<>()).add(l[1]));
        List<Minute> minutes = new ArrayList<>();
        byMinute.forEach((minute, values) -> {
            Collections.sort(values);
            minutes.add(new Minute(minute + 1, values.size(), 0, values.get(values.size() / 2) / 1e6,
                    values.get(Math.min(values.size() - 1, (int) (values.size() * 0.99))) / 1e6));
        });
        return minutes;
    }

    private Map<String, Object> mathBatch(Random random) {
        List<Map<String, Object>> samples = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
            String[] gold = mathCases.get(random.nextInt(mathCases.size()));
            for (int r = 0; r < 16; r++) {
                String answer = r < 4 ? gold[1] : "\\boxed{" + mathCases.get(random.nextInt(mathCases.size()))[0] + "}";
                samples.add(Map.of("response", "<think>\nWe simplify step " + r + " and check the arithmetic again.\n"
                        + "</think>\n<answer>\n" + answer + "\n</answer>", "gold", gold[0]));
            }
        }
        return Map.of("profile", "r1", "samples", samples);
    }

    private static Map<String, Object> codeBatch(Random random) {
        int a = random.nextInt(1000);
        Map<String, Object> tests = Map.of("format", "stdio", "cases", List.of(
                Map.of("input", a + " 5\n", "output", (a + 5) + "\n"), Map.of("input", "1 2\n", "output", "3\n")));
        String right = "a, b = map(int, input().split())\nprint(a + b)";
        String wrong = "a, b = map(int, input().split())\nprint(a - b)";
        List<Map<String, Object>> samples = List.of(
                Map.of("response", "<think>\nAdd them.\n</think>\n<answer>\n```python\n" + right + "\n```\n</answer>",
                        "tests", tests, "language", "python"),
                Map.of("response", "<think>\nSubtract.\n</think>\n<answer>\n```python\n" + wrong + "\n```\n</answer>",
                        "tests", tests, "language", "python"));
        return Map.of("profile", "code", "samples", samples);
    }

    private static Map<String, Object> textBatch(Random random) {
        List<Map<String, Object>> samples = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String think = i % 4 == 0 ? "我们先分析题目，然后逐步计算。" : "We analyse the question and then compute step by step, case " + i + ".";
            samples.add(Map.of("response", "<think>\n" + think + "\n</think>\n<answer>\nok " + random.nextInt(100)
                    + "\n</answer>"));
        }
        return Map.of("profile", "r1", "samples", samples);
    }

    private Snapshot snapshot() {
        Map<String, Long> heap = new LinkedHashMap<>();
        Map<String, Long> threads = new LinkedHashMap<>();
        settings.services().forEach((name, url) -> {
            try {
                String metrics = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
                double used = 0;
                Matcher m = HEAP.matcher(metrics);
                while (m.find()) {
                    used += Double.parseDouble(m.group(1));
                }
                heap.put(name, (long) used >> 20);
                Matcher t = THREADS.matcher(metrics);
                threads.put(name, t.find() ? (long) Double.parseDouble(t.group(1)) : -1);
            } catch (IOException | InterruptedException e) {
                heap.put(name, -1L);
                threads.put(name, -1L);
            }
        });
        return new Snapshot(heap, threads, sandboxContainers(settings.sandboxFilter()));
    }

    private static int sandboxContainers(String labelFilter) {
        try {
            Process process = new ProcessBuilder("docker", "ps", "-q", "--filter", "label=" + labelFilter)
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(10, TimeUnit.SECONDS);
            return out.isBlank() ? 0 : out.strip().split("\\s+").length;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    public static String table(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("soak: %.0f s at %.1f requests/s (70%% math ×64, 20%% code ×2, 10%% text ×16)%n",
                report.seconds(), report.requestsPerSecond()));
        out.append(String.format("requests %d, samples served %d, errors %d %s%n", report.requests(), report.samples(),
                report.errors(), report.errorKinds().isEmpty() ? "" : new java.util.TreeMap<>(report.errorKinds())));
        report.errorExamples().forEach(e -> out.append("  error: ").append(e).append('\n'));
        out.append(String.format("%-8s %9s %10s %10s%n", "minute", "requests", "p50 ms", "p99 ms"));
        report.minutes().forEach(m -> out.append(String.format("%-8d %9d %10.1f %10.1f%n", m.minute(), m.requests(),
                m.p50Ms(), m.p99Ms())));
        out.append(String.format("%-22s %14s %14s%n", "service", "heap MB s→e", "threads s→e"));
        report.start().heapMb().forEach((name, heap) -> out.append(String.format("%-22s %14s %14s%n", name,
                heap + " → " + report.end().heapMb().get(name),
                report.start().threads().get(name) + " → " + report.end().threads().get(name))));
        out.append(String.format("sandbox containers: %d → %d%n", report.start().sandboxContainers(),
                report.end().sandboxContainers()));
        return out.toString();
    }

    /** {@code --minutes N --rate R --gateway URL}; services on the launcher's default ports. */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        double minutes = Double.parseDouble(options.getOrDefault("--minutes", "10"));
        double rate = Double.parseDouble(options.getOrDefault("--rate", "8"));
        Path root = Path.of(options.getOrDefault("--root", "."));
        Map<String, String> services = new LinkedHashMap<>();
        services.put("gateway", options.getOrDefault("--gateway", "http://localhost:8080"));
        services.put("math-verifier", "http://localhost:8081");
        services.put("code-verifier", "http://localhost:8082");
        services.put("format-checker", "http://localhost:8083");
        services.put("language-consistency", "http://localhost:8084");
        Report report = new Soak(new Settings(services.get("gateway"), services,
                Duration.ofMillis((long) (minutes * 60_000)), rate, root, "dev.rewards.sandbox")).run();
        System.out.print(table(report));
        Path results = root.resolve("bench/results");
        Files.createDirectories(results);
        Path file = results.resolve("soak-" + Instant.now().toString().replace(':', '-') + ".json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("written: " + root.relativize(file));
        System.exit(report.errors() == 0 ? 0 : 1);
    }
}
