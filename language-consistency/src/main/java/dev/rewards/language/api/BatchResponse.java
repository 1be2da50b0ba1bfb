package dev.rewards.language.api;

import java.util.List;

/** Results of a batch, in the order of its items. */
public record BatchResponse(List<ScoreResponse> results) {
}
