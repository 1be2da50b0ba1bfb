package dev.rewards.math.api;

import java.util.List;

/** Results of a batch, in the order of its items. */
public record BatchResponse(List<VerifyResponse> results) {
}
