package dev.rewards.gateway.api;

import java.util.List;
import java.util.Map;

import dev.rewards.gateway.ComponentResult;

public record RewardsResponse(List<Result> results, String profile, Map<String, Double> weights) {

    /** {@code index} is the sample's position in the request (useful when results stream). */
    public record Result(int index, String id, Double reward, Map<String, ComponentResult> components,
                         long elapsedMs) {
    }
}
