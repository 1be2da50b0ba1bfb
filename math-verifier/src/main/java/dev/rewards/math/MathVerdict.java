package dev.rewards.math;

import java.util.Locale;

import dev.rewards.math.internal.Method;

/**
 * The verdict on one response.
 *
 * @param correct null for invalid_gold
 * @param score   1.0 / 0.0, null for invalid_gold (the trainer should skip the sample, not punish it)
 */
public record MathVerdict(Status status, Boolean correct, Double score, String extracted, String answerForm,
                          String goldForm, Method method, long elapsedMs) {

    /** The outcome; a wrong answer, a missing one and one too costly to decide are kept apart. */
    public enum Status {
        CORRECT, INCORRECT, NO_ANSWER, INVALID_GOLD, TIMEOUT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Status CORRECT = Status.CORRECT;
    public static final Status INCORRECT = Status.INCORRECT;
    public static final Status NO_ANSWER = Status.NO_ANSWER;
    public static final Status INVALID_GOLD = Status.INVALID_GOLD;
    public static final Status TIMEOUT = Status.TIMEOUT;

    /** A verdict whose {@code correct} and {@code score} follow from its status. */
    public static MathVerdict of(Status status, String extracted, String answerForm, String goldForm, Method method,
                                 long elapsedMs) {
        Boolean correct = status == Status.INVALID_GOLD ? null : status == Status.CORRECT;
        Double score = correct == null ? null : correct ? 1.0 : 0.0;
        return new MathVerdict(status, correct, score, extracted, answerForm, goldForm, method, elapsedMs);
    }
}
