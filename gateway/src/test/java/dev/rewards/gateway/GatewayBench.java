package dev.rewards.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./rewards bench gateway}: 1,024-sample math batches (64 golds × 16 R1-format responses) scored through the
 * gateway's {@code r1} profile, against the same work sent straight to the verifiers' batch endpoints — the items the
 * gateway's own fan-out plan produces, in chunks of 256, all verifiers in parallel, as a trainer calling them itself
 * would. Both paths run against the services started by the launcher on loopback; warm-up 5 s, then 10 s measured
 * per row, at 1 and 2 batches in flight. The gateway's overhead is its extra time per batch over the direct path.
 */
public final class GatewayBench {

    private static final int GOLDS_PER_BATCH = 64;
    private static final int RESPONSES_PER_GOLD = 16;
    private static final int CHUNK = 256;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayBench() {
    }

    public static void main(String[] args) throws Exception {
        String gateway = System.getProperty("gateway", "http://localhost:8080");
        Map<Verifier, String> verifiers = Map.of(Verifier.MATH, System.getProperty("math", "http://localhost:8081"),
                Verifier.FORMAT, System.getProperty("format", "http://localhost:8083"),
                Verifier.LANGUAGE, System.getProperty("language", "http://localhost:8084"));
        List<List<Sample>> batches = batches(corpus());
        Profile r1 = Profile.builtIn().get("r1");

        System.out.printf("%-34s %10s %11s %11s %10s%n", "path (1,024-sample r1 batches)", "samples/s", "p50 ms",
                "p99 ms", "vs direct");
        for (int inFlight : new int[] {1, 2}) {
            Supplier<Runnable> direct = cycling(batches, batch -> () -> direct(verifiers, new FanOutPlan(r1, batch)));
            Supplier<Runnable> throughGateway = cycling(batches, batch -> () -> gateway(gateway, batch));
            measure(direct, inFlight, 5_000);
            double[] d = measure(direct, inFlight, 10_000);
            measure(throughGateway, inFlight, 5_000);
            double[] g = measure(throughGateway, inFlight, 10_000);
            System.out.printf("%-34s %,10.0f %11.1f %11.1f %10s%n", "direct verifier batches, " + inFlight + " in flight",
                    d[0], d[1], d[2], "");
            System.out.printf("%-34s %,10.0f %11.1f %11.1f %+9.1f%%%n", "gateway /v1/rewards, " + inFlight + " in flight",
                    g[0], g[1], g[2], 100.0 * (g[1] - d[1]) / d[1]);
            dev.rewards.web.BenchResult.emit("gateway", "1,024-sample r1 batches, " + inFlight + " in flight", g[0],
                    "samples", g[1], g[2], d[0], "direct verifier batch calls", null);
        }
        System.out.println("target: the gateway adds ≤ 10% to the p50 batch latency of the direct calls");
    }

    private static List<String[]> corpus() throws IOException {
        Path file = Path.of("math-verifier/src/test/resources/corpus/math-cases.jsonl");
        if (!Files.exists(file)) {
            file = Path.of("..").resolve(file);
        }
        List<String[]> cases = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                cases.add(new String[] {node.get("gold").asString(), node.get("pred").asString()});
            }
        }
        return cases;
    }

    /** Each gold with its own case's answer and 15 drawn from other cases, wrapped in an English R1 response. */
    private static List<List<Sample>> batches(List<String[]> cases) {
        Random random = new Random(7);
        List<List<Sample>> batches = new ArrayList<>();
        for (int start = 0; start + GOLDS_PER_BATCH <= cases.size(); start += GOLDS_PER_BATCH) {
            List<Sample> batch = new ArrayList<>();
            for (int g = start; g < start + GOLDS_PER_BATCH; g++) {
                String gold = cases.get(g)[0];
                for (int r = 0; r < RESPONSES_PER_GOLD; r++) {
                    String answer = r == 0 ? cases.get(g)[1] : "\\boxed{" + cases.get(random.nextInt(cases.size()))[0] + "}";
                    String response = "<think>We first rewrite the expression and then simplify each of the terms "
                            + "carefully, checking the arithmetic of step " + r + " once more before we conclude."
                            + "</think><answer>The final answer is " + answer + "</answer>";
                    batch.add(new Sample(g + "-" + r, null, response, "math", gold, null, null, null, Map.of()));
                }
            }
            batches.add(batch);
        }
        return batches;
    }

    private static void direct(Map<Verifier, String> urls, FanOutPlan plan) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        plan.items().forEach((verifier, items) -> {
            for (int from = 0; from < items.size(); from += CHUNK) {
                calls.add(post(urls.get(verifier) + verifier.batchPath(),
                        Map.of("items", items.subList(from, Math.min(items.size(), from + CHUNK)))));
            }
        });
        calls.forEach(call -> check(call.join()));
    }

    private static void gateway(String url, List<Sample> batch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profile", "r1");
        body.put("samples", batch.stream().map(s -> Map.of("id", s.id(), "response", s.response(), "gold", s.gold()))
                .toList());
        check(post(url + "/v1/rewards", body).join());
    }

    private static CompletableFuture<HttpResponse<String>> post(String url, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static Supplier<Runnable> cycling(List<List<Sample>> batches,
                                              java.util.function.Function<List<Sample>, Runnable> work) {
        int[] next = {0};
        return () -> {
            synchronized (next) {
                return work.apply(batches.get(next[0]++ % batches.size()));
            }
        };
    }

    /** samples/s, p50 and p99 of the batch latency. */
    private static double[] measure(Supplier<Runnable> work, int inFlight, long millis) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        long deadline = System.nanoTime() + millis * 1_000_000L;
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int t = 0; t < inFlight; t++) {
            futures.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < deadline) {
                    Runnable batch = work.get();
                    long start = System.nanoTime();
                    batch.run();
                    latencies.add(System.nanoTime() - start);
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        double seconds = millis / 1000.0;
        return new double[] {sorted.length * (double) GOLDS_PER_BATCH * RESPONSES_PER_GOLD / seconds,
                sorted[sorted.length / 2] / 1e6, sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6};
    }
}
