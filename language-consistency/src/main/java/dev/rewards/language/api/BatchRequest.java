package dev.rewards.language.api;

import java.util.List;

/** Body of {@code POST /v1/language/score/batch}. */
public record BatchRequest(List<ScoreRequest> items) {
    public BatchRequest {
        if (items == null) {
            throw new IllegalArgumentException("items is required");
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new IllegalArgumentException("items[" + i + "] must be an object");
            }
        }
    }
}
