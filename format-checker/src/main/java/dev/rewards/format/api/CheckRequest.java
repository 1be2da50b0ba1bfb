package dev.rewards.format.api;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /v1/format/check}, and one item of a batch. Every field but {@code response} may be omitted:
 * a batch item takes the batch's {@code defaults}, then the documented defaults.
 *
 * @param params  soft-check parameters: ngram_size, max_penalty, length, max_length, cache, penalty_factor
 * @param explain true: also every soft check that needs no parameter (tag_count, reasoning_steps, repetition), so
 *                a reader sees them next to the violations (default false)
 */
public record CheckRequest(String id, String response, String template, Boolean thinkPrefilled, List<String> checks,
                           Map<String, Object> params, Boolean explain) {
    public CheckRequest {
        if (response == null) {
            throw new IllegalArgumentException("response is required");
        }
    }
}
