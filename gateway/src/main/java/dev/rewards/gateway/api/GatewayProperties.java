package dev.rewards.gateway.api;

import java.time.Duration;
import java.util.Map;

import dev.rewards.gateway.Profile;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

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
 * @param retryAttempts        attempts per call for connection failures, 503 and 429, within the deadline (default 3)
 * @param retryBackoff         first backoff, doubled per attempt, when the verifier sends no Retry-After (default 200ms)
 * @param failureRateThreshold percentage of failed calls that opens a verifier's circuit (default 50)
 * @param openStateWait        how long an open circuit rejects calls before probing (default 10s)
 * @param minimumCalls         calls before the failure rate counts (default 4)
 * @param deadline             one time budget per request: every downstream attempt, wait and retry of it fits in
 *                             (default 100s — below slime's 120 s client timeout and the ingress' 110 s, above the
 *                             verifiers' own deadlines; see docs/reliability.md "Time budget")
 * @param maxConcurrentRequests reward requests (any endpoint) in progress at once; the next one is refused with a
 *                             429 and Retry-After at once, rather than queueing into a timeout (default 256)
 */
@Validated
@ConfigurationProperties("rewards.gateway")
public record GatewayProperties(@DefaultValue("http://localhost:8081") @NotBlank String mathUrl,
                                @DefaultValue("http://localhost:8082") @NotBlank String codeUrl,
                                @DefaultValue("http://localhost:8083") @NotBlank String formatUrl,
                                @DefaultValue("http://localhost:8084") @NotBlank String languageUrl,
                                @DefaultValue("r1") @NotBlank String defaultProfile,
                                Map<String, Profile> profiles,
                                @DefaultValue("") String apiKey,
                                @DefaultValue("16384") @Min(1) int maxSamples,
                                @DefaultValue("256") @Min(1) @Max(100_000) int chunkSize,
                                @DefaultValue("16") @Min(1) @Max(10_000) int codeChunkSize,
                                @DefaultValue("32") @Min(1) @Max(10_000) int maxConcurrentCalls,
                                @DefaultValue("3") @Min(1) @Max(20) int retryAttempts,
                                @DefaultValue("200ms") @DurationMin(millis = 1) Duration retryBackoff,
                                @DefaultValue("50") @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
                                @DefaultValue("10s") @DurationMin(millis = 1) Duration openStateWait,
                                @DefaultValue("4") @Min(1) int minimumCalls,
                                @DefaultValue("100s") @DurationMin(millis = 1) Duration deadline,
                                @DefaultValue("256") @Min(1) int maxConcurrentRequests) {
    public GatewayProperties {
        profiles = profiles == null ? Map.of() : profiles;
    }
}
