package dev.rewards.gateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stand-ins for the four verifiers on one loopback port, with their batch contracts and scripted rules: math is
 * correct when the response contains the gold ("INVALID" gold → invalid_gold), format is valid when the response
 * has an answer block, language scores 0.9 (no_words when the reasoning has no letter), code passes when the
 * response says "pass". A verifier can be switched to answer an error status (for a number of calls, with a
 * Retry-After and a problem reason), or to answer late. Every batch and item received is recorded.
 */
final class FakeVerifiers implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    final Map<String, List<Integer>> batchSizes = new ConcurrentHashMap<>();
    final Map<String, Integer> failing = new ConcurrentHashMap<>();
    final Map<String, java.time.Duration> delays = new ConcurrentHashMap<>();
    /** Calls that still fail with {@link #failing}'s status before the verifier answers again (absent: all fail). */
    final Map<String, Integer> failCalls = new ConcurrentHashMap<>();
    final Map<String, String> retryAfter = new ConcurrentHashMap<>();
    final Map<String, String> problemReason = new ConcurrentHashMap<>();
    final Map<String, List<Long>> callTimes = new ConcurrentHashMap<>();
    /**
     * A restart that begins with the verifier's next call: for this long from then it answers 503 (as a service that
     * is not ready yet) — timed from the call, so that a slow machine cannot let the outage pass unnoticed.
     */
    final Map<String, java.time.Duration> restart = new ConcurrentHashMap<>();
    private final Map<String, Long> downUntil = new ConcurrentHashMap<>();
    final Map<String, List<Map<String, Object>>> received = new ConcurrentHashMap<>();
    private final DisposableServer server;

    FakeVerifiers() {
        server = HttpServer.create().host("127.0.0.1").port(0).route(routes -> {
            route(routes, "/v1/math/verify/batch", item -> {
                String gold = (String) item.get("gold");
                if (gold.equals("INVALID")) {
                    return Map.of("status", "invalid_gold");
                }
                boolean correct = ((String) item.get("response")).contains(gold);
                return Map.of("status", correct ? "correct" : "wrong", "correct", correct, "score", correct ? 1.0 : 0.0);
            });
            route(routes, "/v1/format/check/batch", item -> {
                boolean valid = ((String) item.get("response")).contains("<answer>");
                return item.containsKey("checks")
                        ? Map.of("valid", valid, "score", valid ? 1.0 : 0.0, "soft", Map.of("overlong", -0.5))
                        : Map.of("valid", valid, "score", valid ? 1.0 : 0.0);
            });
            route(routes, "/v1/language/score/batch", item -> {
                String reasoning = dev.rewards.web.Reasoning.reasoningOrAll((String) item.get("text"));
                if (!reasoning.matches("(?s).*\\p{L}.*")) {
                    Map<String, Object> noWords = new java.util.HashMap<>();
                    noWords.put("status", "no_words");
                    noWords.put("score", null);
                    return noWords;
                }
                return Map.of("status", "scored", "score", 0.9);
            });
            route(routes, "/v1/code/verify/batch", item -> {
                boolean pass = ((String) item.get("response")).contains("pass");
                return Map.of("status", pass ? "accepted" : "wrong_answer", "score", pass ? 1.0 : 0.0);
            });
        }).bindNow();
    }

    @SuppressWarnings("unchecked")
    private void route(reactor.netty.http.server.HttpServerRoutes routes, String path,
                       Function<Map<String, Object>, Map<String, Object>> rule) {
        routes.post(path, (request, response) -> request.receive().aggregate().asString()
                .doOnNext(body -> callTimes.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(System.nanoTime()))
                .delayUntil(body -> Mono.delay(delays.getOrDefault(path, java.time.Duration.ZERO))).flatMap(body -> {
            java.time.Duration outage = restart.remove(path);
            if (outage != null) {
                downUntil.put(path, System.nanoTime() + outage.toNanos());
            }
            Long down = downUntil.get(path);
            if (down != null && System.nanoTime() < down) {
                return response.status(503).header("content-type", "application/problem+json")
                        .header("Retry-After", "1").sendString(Mono.just("{\"status\":503}")).then();
            }
            Integer status = failing.get(path);
            Integer remaining = failCalls.computeIfPresent(path, (p, n) -> n - 1);
            if (status != null && (remaining == null || remaining >= 0)) {
                String reason = problemReason.get(path);
                if (retryAfter.containsKey(path)) {
                    response.header("Retry-After", retryAfter.get(path));
                }
                return response.status(status).header("content-type", "application/problem+json")
                        .sendString(Mono.just("{\"status\":" + status
                                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}")).then();
            }
            Map<String, Object> batch = JSON.readValue(body, Map.class);
            List<Map<String, Object>> items = (List<Map<String, Object>>) batch.get("items");
            received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).addAll(items);
            batchSizes.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(items.size());
            List<Map<String, Object>> results = new ArrayList<>();
            items.forEach(item -> results.add(rule.apply(item)));
            return response.header("content-type", "application/json")
                    .sendString(Mono.just(JSON.writeValueAsString(Map.of("results", results)))).then();
        }));
    }

    /** Forgets every scripted failure, delay and record. */
    void reset() {
        failing.clear();
        failCalls.clear();
        restart.clear();
        downUntil.clear();
        retryAfter.clear();
        problemReason.clear();
        delays.clear();
        batchSizes.clear();
        callTimes.clear();
        received.clear();
    }

    int calls(String path) {
        return callTimes.getOrDefault(path, List.of()).size();
    }

    /** Points the gateway's four verifier URLs at this server. */
    void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        for (String name : List.of("math", "code", "format", "language")) {
            registry.add("rewards.gateway." + name + "-url", this::url);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    int items(String path) {
        return batchSizes.getOrDefault(path, List.of()).stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
