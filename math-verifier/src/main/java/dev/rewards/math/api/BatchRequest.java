package dev.rewards.math.api;

import java.util.List;

import dev.rewards.web.BatchItems;
import java.util.Map;

/** Body of {@code POST /v1/math/verify/batch}; {@code options} are defaults every item may override. */
public record BatchRequest(List<VerifyRequest> items, Map<String, Object> options) {
    public BatchRequest {
        BatchItems.require(items, "items");
        options = options == null ? Map.of() : options;
    }
}
