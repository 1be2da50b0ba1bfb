package dev.rewards.gateway.api;

import java.time.Duration;
import java.util.Map;

import dev.rewards.gateway.Profile;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gateway ({@code rewards.gateway.*}).
 *
 * @param mathUrl              math-verifier base URL (default http://localhost:8081)
 * @param codeUrl              code-verifier base URL (default http://localhost:8082)
 * @param formatUrl            format-checker base URL (default http://localhost:8083)
 * @param languageUrl          language-consistency base URL (default http://localhost:8084)
 * @param defaultProfile       profile when a request names none (default r1)
 * @param profiles             extra or replaced profiles by name, merged over the built-in ones
 * @param apiKey               when set, every non-actuator endpoint needs {@code Authorization: Bearer <key>}
 * @param maxSamples           largest batch (default 16384; more → 413)
 * @param chunkSize            items per downstream batch call (default 256)
 * @param codeChunkSize        items per code-verifier call (default 16: each item runs in a container)
 * @param maxConcurrentCalls   concurrent calls per verifier; more wait their turn (without holding a thread) up to 30 s
 *                             (default 32)
 * @param retryAttempts        attempts per call for connection failures, 503 and 429 (default 3)
 * @param retryBackoff         first backoff, doubled per attempt (default 200ms)
 * @param failureRateThreshold percentage of failed calls that opens a verifier's circuit (default 50)
 * @param openStateWait        how long an open circuit rejects calls before probing (default 10s)
 * @param minimumCalls         calls before the failure rate counts (default 4)
 * @param deadline             longest a request may take; also the downstream time limit (default 120s)
 * @param maxConcurrentRequests reward requests (any endpoint) in progress at once; the next one is refused with a
 *                             429 and Retry-After at once, rather than queueing into a timeout (default 256)
 */
@ConfigurationProperties("rewards.gateway")
public record GatewayProperties(@DefaultValue("http://localhost:8081") String mathUrl,
                                @DefaultValue("http://localhost:8082") String codeUrl,
                                @DefaultValue("http://localhost:8083") String formatUrl,
                                @DefaultValue("http://localhost:8084") String languageUrl,
                                @DefaultValue("r1") String defaultProfile,
                                Map<String, Profile> profiles,
                                @DefaultValue("") String apiKey,
                                @DefaultValue("16384") int maxSamples,
                                @DefaultValue("256") int chunkSize,
                                @DefaultValue("16") int codeChunkSize,
                                @DefaultValue("32") int maxConcurrentCalls,
                                @DefaultValue("3") int retryAttempts,
                                @DefaultValue("200ms") Duration retryBackoff,
                                @DefaultValue("50") float failureRateThreshold,
                                @DefaultValue("10s") Duration openStateWait,
                                @DefaultValue("4") int minimumCalls,
                                @DefaultValue("120s") Duration deadline,
                                @DefaultValue("256") int maxConcurrentRequests) {
    public GatewayProperties {
        profiles = profiles == null ? Map.of() : profiles;
    }
}
