package dev.rewards.language.api;

import java.util.List;

import dev.rewards.web.BatchItems;

/** Body of {@code POST /v1/language/score/batch}. */
public record BatchRequest(List<ScoreRequest> items) {
    public BatchRequest {
        BatchItems.require(items, "items");
    }
}
