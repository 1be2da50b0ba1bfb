package dev.rewards.math;

import java.util.List;

import dev.rewards.math.internal.Extractor.Strategy;

/**
 * How to extract and compare; {@link #DEFAULTS} holds the documented defaults.
 *
 * @param extraction  strategies tried in order (default boxed, answer_tag, final_answer_phrase, last_math)
 * @param floatRelTol relative tolerance when a decimal literal is involved (default 1e-6)
 * @param timeoutMs   budget per item; a candidate that cannot be decided within it is {@code timeout} (default 2000)
 * @param percent     {@code either} (default): "10\%" matches 10 and 0.1; {@code strict}: "10\%" is 0.1 only
 * @param strict      no variable renaming (default true; false lets x+1 match t+1 and f(x) match f(y))
 * @param reasoningDelimiter when set (e.g. {@code </think>}), only the text after it is graded and a response
 *                    without it has no answer, as TRL's reasoning_accuracy_reward (default: none; the text after
 *                    the last {@code </think>} is graded when there is one)
 */
public record MathOptions(List<Strategy> extraction, double floatRelTol, long timeoutMs, String percent, boolean strict,
                          String reasoningDelimiter) {

    public static final List<Strategy> DEFAULT_EXTRACTION =
            List.of(Strategy.BOXED, Strategy.ANSWER_TAG, Strategy.FINAL_ANSWER_PHRASE, Strategy.LAST_MATH);

    public static final MathOptions DEFAULTS = new MathOptions(DEFAULT_EXTRACTION, 1e-6, 2000, "either", true, null);

    public MathOptions(List<Strategy> extraction, double floatRelTol, long timeoutMs, String percent, boolean strict) {
        this(extraction, floatRelTol, timeoutMs, percent, strict, null);
    }

    public MathOptions {
        extraction = extraction == null || extraction.isEmpty() ? DEFAULT_EXTRACTION : List.copyOf(extraction);
        if (!(floatRelTol >= 0 && floatRelTol < 1)) {
            throw new IllegalArgumentException("options.float_rel_tol must be in [0, 1)");
        }
        if (timeoutMs < 10 || timeoutMs > 60_000) {
            throw new IllegalArgumentException("options.timeout_ms must be between 10 and 60000");
        }
        percent = percent == null ? "either" : percent;
        if (reasoningDelimiter != null && reasoningDelimiter.isEmpty()) {
            throw new IllegalArgumentException("options.reasoning_delimiter must not be empty");
        }
        if (!percent.equals("either") && !percent.equals("strict")) {
            throw new IllegalArgumentException("options.percent must be either or strict");
        }
    }

    public static Strategy strategy(String wireName) {
        return switch (wireName) {
            case "boxed" -> Strategy.BOXED;
            case "answer_tag" -> Strategy.ANSWER_TAG;
            case "final_answer_phrase" -> Strategy.FINAL_ANSWER_PHRASE;
            case "last_math" -> Strategy.LAST_MATH;
            case "last_number" -> Strategy.LAST_NUMBER;
            default -> throw new IllegalArgumentException("options.extraction: unknown value '" + wireName
                    + "', expected any of boxed, answer_tag, final_answer_phrase, last_math, last_number");
        };
    }
}
