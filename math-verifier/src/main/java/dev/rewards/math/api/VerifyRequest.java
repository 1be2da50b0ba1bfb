package dev.rewards.math.api;

import java.util.Map;

/**
 * Body of {@code POST /v1/math/verify}, and one item of a batch.
 *
 * @param gold    the gold answer, or a full reference solution whose last \boxed{} holds it
 * @param options extraction, float_rel_tol, timeout_ms, percent, strict (see the README)
 * @param explain true: the answer also says where the answer was found ({@code explain}); default false
 */
public record VerifyRequest(String id, String response, String gold, Map<String, Object> options, Boolean explain) {
    public VerifyRequest {
        if (response == null) {
            throw new IllegalArgumentException("response is required");
        }
        if (gold == null) {
            throw new IllegalArgumentException("gold is required");
        }
    }
}
