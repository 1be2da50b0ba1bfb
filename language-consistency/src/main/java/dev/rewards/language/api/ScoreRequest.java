package dev.rewards.language.api;

/**
 * Body of {@code POST /v1/language/score}, and one item of a batch.
 *
 * @param scope {@code think} (default): the text inside {@code <think>…</think>} when present, else all; {@code all}
 */
public record ScoreRequest(String id, String text, String target, String scope) {
    public ScoreRequest {
        if (text == null) {
            throw new IllegalArgumentException("text is required");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target is required");
        }
    }
}
