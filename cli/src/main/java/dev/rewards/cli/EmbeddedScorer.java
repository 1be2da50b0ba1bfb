package dev.rewards.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import dev.rewards.code.CodeJudge;
import dev.rewards.code.LimitPolicy;
import dev.rewards.code.Language;
import dev.rewards.code.api.CodeItems;
import dev.rewards.code.docker.DockerSandbox;
import dev.rewards.code.docker.SandboxSettings;
import dev.rewards.format.FormatChecker;
import dev.rewards.format.api.FormatItems;
import dev.rewards.gateway.Composition;
import dev.rewards.gateway.FanOutPlan;
import dev.rewards.gateway.Profile;
import dev.rewards.gateway.Sample;
import dev.rewards.gateway.Verifier;
import dev.rewards.language.LanguageScorer;
import dev.rewards.language.LinguaClassifier;
import dev.rewards.language.api.LanguageItems;
import dev.rewards.language.api.LanguageProperties;
import dev.rewards.math.MathVerifier;
import dev.rewards.math.api.MathItems;

/**
 * The gateway's recipe run in this process: the same fan-out plan and composition, and each verifier's batch item
 * code — math, format and language cores on all cores; code in sandbox containers on the local Docker engine, made
 * only when a code task appears. A verifier that fails (no Docker engine, say) leaves its components unavailable
 * and those rewards null, as the gateway's {@code on_error: null} does.
 */
final class EmbeddedScorer implements Scorer {

    private final Map<String, Profile> profiles = Profile.builtIn();
    private final ExecutorService cores;
    private final String sandboxTag;
    private final int codePoolSize;
    private MathItems math;
    private FormatItems format;
    private LanguageItems language;
    private DockerSandbox sandbox;
    private ExecutorService codeWorkers;
    private CodeItems code;

    EmbeddedScorer(String sandboxTag, int codePoolSize) {
        this.sandboxTag = sandboxTag;
        this.codePoolSize = codePoolSize;
        this.cores = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), daemon("grade"));
    }

    @Override
    public List<Scored> score(String profileName, List<Sample> samples) {
        Profile profile = profiles.get(profileName);
        if (profile == null) {
            throw new IllegalArgumentException("unknown profile '" + profileName + "', expected one of "
                    + profiles.keySet());
        }
        FanOutPlan plan = new FanOutPlan(profile, samples);
        Map<Verifier, List<Map<String, Object>>> results = new EnumMap<>(Verifier.class);
        Map<Verifier, String> failures = new EnumMap<>(Verifier.class);
        Map<Verifier, List<Future<Map<String, Object>>>> running = new EnumMap<>(Verifier.class);
        plan.items().forEach((verifier, items) -> {
            try {
                Function<Map<String, Object>, Map<String, Object>> answer = item(verifier);
                ExecutorService pool = verifier == Verifier.CODE ? codeWorkers : cores;
                List<Future<Map<String, Object>>> futures = new ArrayList<>();
                for (Map<String, Object> item : items) {
                    futures.add(pool.submit(() -> answer.apply(item)));
                }
                running.put(verifier, futures);
            } catch (RuntimeException e) {
                failures.put(verifier, verifier.serviceName() + ": " + e.getMessage());
            }
        });
        running.forEach((verifier, futures) -> {
            List<Map<String, Object>> answered = new ArrayList<>();
            for (Future<Map<String, Object>> future : futures) {
                try {
                    answered.add(future.get());
                } catch (ExecutionException e) {
                    answered.add(null);
                    failures.putIfAbsent(verifier, verifier.serviceName() + ": " + e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            results.put(verifier, answered);
        });
        FanOutPlan.Results table = new FanOutPlan.Results() {
            @Override
            public Map<String, Object> get(Verifier verifier, int item) {
                List<Map<String, Object>> list = results.get(verifier);
                return list == null ? null : list.get(item);
            }

            @Override
            public String failure(Verifier verifier, int item) {
                return failures.getOrDefault(verifier, verifier.serviceName() + ": no result");
            }
        };
        List<Scored> scored = new ArrayList<>();
        for (int s = 0; s < samples.size(); s++) {
            var components = plan.components(s, table);
            scored.add(new Scored(Composition.reward(profile, profile.weights(), components), components));
        }
        return scored;
    }

    private synchronized Function<Map<String, Object>, Map<String, Object>> item(Verifier verifier) {
        return switch (verifier) {
            case MATH -> {
                if (math == null) {
                    MathVerifier.warmUp();
                    math = new MathItems(new MathVerifier(10_000));
                }
                yield math::verify;
            }
            case FORMAT -> {
                if (format == null) {
                    format = new FormatItems(new FormatChecker());
                }
                yield format::check;
            }
            case LANGUAGE -> {
                if (language == null) {
                    List<String> languages = LanguageProperties.defaultLanguages();
                    language = new LanguageItems(new LanguageScorer(languages, new LinguaClassifier(languages)));
                }
                yield language::score;
            }
            case CODE -> {
                if (code == null) {
                    String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
                    DockerSandbox created = new DockerSandbox(new SandboxSettings(host, "rewards-sandbox-", sandboxTag,
                            codePoolSize, 200, Duration.ofSeconds(120), 128, 1.0, 2048,
                            "rewards-grade-" + UUID.randomUUID()));
                    if (!created.ready()) {
                        created.close();
                        throw new IllegalStateException("no Docker engine answers at " + host
                                + " (code tasks need it and the sandbox images: ./rewards images)");
                    }
                    sandbox = created;
                    codeWorkers = Executors.newFixedThreadPool(codePoolSize * Language.values().length,
                            daemon("grade-code"));
                    code = new CodeItems(new CodeJudge(sandbox, LimitPolicy.STANDARD));
                }
                yield code::verify;
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        cores.shutdownNow();
        if (codeWorkers != null) {
            codeWorkers.shutdownNow();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
