package dev.rewards.math;

/**
 * The verdict on one response.
 *
 * @param status  correct, incorrect, no_answer, invalid_gold or timeout
 * @param correct null for invalid_gold
 * @param score   1.0 / 0.0, null for invalid_gold (the trainer should skip the sample, not punish it)
 */
public record MathVerdict(String status, Boolean correct, Double score, String extracted, String answerForm,
                          String goldForm, String method, long elapsedMs) {

    public static final String CORRECT = "correct";
    public static final String INCORRECT = "incorrect";
    public static final String NO_ANSWER = "no_answer";
    public static final String INVALID_GOLD = "invalid_gold";
    public static final String TIMEOUT = "timeout";
}
