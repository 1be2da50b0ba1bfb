package dev.rewards.format.api;

import java.util.List;

import dev.rewards.web.BatchItems;

/** Body of {@code POST /v1/format/check/batch}. */
public record BatchRequest(List<CheckRequest> items, CheckDefaults defaults) {
    public BatchRequest {
        BatchItems.require(items, "items");
        defaults = defaults == null ? CheckDefaults.NONE : defaults;
    }
}
