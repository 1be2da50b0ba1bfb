package dev.rewards.format.api;

import java.util.List;

/** Body of {@code POST /v1/format/check/batch}. */
public record BatchRequest(List<CheckRequest> items, CheckDefaults defaults) {
    public BatchRequest {
        if (items == null) {
            throw new IllegalArgumentException("items is required");
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new IllegalArgumentException("items[" + i + "] must be an object");
            }
        }
        defaults = defaults == null ? CheckDefaults.NONE : defaults;
    }
}
