package dev.rewards.math.api;

import java.util.List;
import java.util.Map;

/** Body of {@code POST /v1/math/verify/batch}; {@code options} are defaults every item may override. */
public record BatchRequest(List<VerifyRequest> items, Map<String, Object> options) {
    public BatchRequest {
        if (items == null) {
            throw new IllegalArgumentException("items is required");
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new IllegalArgumentException("items[" + i + "] must be an object");
            }
        }
        options = options == null ? Map.of() : options;
    }
}
