package dev.rewards.math.api;

import java.util.List;

/** Body of {@code POST /v1/math/cluster}: answers (bare or full responses) to group by equivalence. */
public record ClusterRequest(List<String> answers) {
    public ClusterRequest {
        if (answers == null) {
            throw new IllegalArgumentException("answers is required");
        }
    }
}
