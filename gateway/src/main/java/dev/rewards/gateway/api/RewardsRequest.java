package dev.rewards.gateway.api;

import java.util.List;
import java.util.Map;

import dev.rewards.gateway.Sample;

/**
 * {@code POST /v1/rewards}. {@code overrides.weights} replaces the profile's weights per component (0 removes one);
 * {@code on_error}: {@code fail} (default: 503 when a verifier is unavailable) or {@code null} (those samples get
 * {@code reward: null}); {@code deadline_ms} bounds the whole request (default from the configuration).
 */
public record RewardsRequest(String profile, List<Sample> samples, Overrides overrides, String onError,
                             Long deadlineMs) {

    public record Overrides(Map<String, Double> weights) {
    }
}
