package dev.rewards.language.api;

/**
 * Body of {@code POST /v1/language/score}, and one item of a batch.
 *
 * @param scope   {@code think} (default): the text inside {@code <think>…</think>} when present, else all; {@code all}
 * @param explain true: the answer also lists each counted word with its language and each removed span (default
 *                false)
 */
public record ScoreRequest(String id, String text, String target, String scope, Boolean explain) {
    public ScoreRequest {
        if (text == null) {
            throw new IllegalArgumentException("text is required");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target is required");
        }
    }
}
