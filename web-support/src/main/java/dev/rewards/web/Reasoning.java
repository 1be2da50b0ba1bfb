package dev.rewards.web;

/**
 * The one rule every service uses to tell a completion's reasoning from its final answer: the final answer is looked
 * for only after the <em>last</em> {@code </think>}, so nothing the model wrote while thinking — an intermediate
 * result, a draft {@code <answer>} block, a {@code \boxed{}} it later rejected — can be graded as its answer. Without
 * a {@code </think>} the whole completion is the answer part (models without a reasoning block), unless a
 * {@code <think>} was opened and never closed: then all of it is reasoning. Pure Java, linear.
 */
public final class Reasoning {

    public static final String THINK_OPEN = "<think>";
    public static final String THINK_CLOSE = "</think>";
    private static final String ANSWER_OPEN = "<answer>";
    private static final String ANSWER_CLOSE = "</answer>";

    private Reasoning() {
    }

    /**
     * @param reasoning the chain of thought: from the first {@code <think>} (or the start, when the chat template
     *                  opened the block) up to the last {@code </think>}; an unclosed block runs to the end; a
     *                  completion without think tags has none (empty)
     * @param answer    where the final answer is looked for: after the last {@code </think>}, else everything
     * @param closed    whether a {@code </think>} ended the reasoning
     */
    public record Split(String reasoning, String answer, boolean closed) {
    }

    /** {@code [start, end)} in the completion, so that callers can point at what they graded. */
    public record Span(int start, int end) {
        public Span {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
            }
        }

        public String of(String text) {
            return text.substring(start, end);
        }
    }

    public static Split split(String completion) {
        return new Split(reasoningSpan(completion).of(completion), answerSpan(completion).of(completion),
                completion.lastIndexOf(THINK_CLOSE) >= 0);
    }

    /** Where {@link Split#reasoning()} lies in the completion. */
    public static Span reasoningSpan(String completion) {
        int close = completion.lastIndexOf(THINK_CLOSE);
        int open = completion.indexOf(THINK_OPEN);
        if (close >= 0) {
            return new Span(open >= 0 && open < close ? open + THINK_OPEN.length() : 0, close);
        }
        if (open >= 0) {
            // Still thinking when the generation stopped: all of it is reasoning, there is no answer yet.
            return new Span(open + THINK_OPEN.length(), completion.length());
        }
        return new Span(0, 0);
    }

    /** Where {@link Split#answer()} lies in the completion (empty at the end for an unclosed think block). */
    public static Span answerSpan(String completion) {
        int close = completion.lastIndexOf(THINK_CLOSE);
        if (close >= 0) {
            return new Span(close + THINK_CLOSE.length(), completion.length());
        }
        if (completion.contains(THINK_OPEN)) {
            return new Span(completion.length(), completion.length());
        }
        return new Span(0, completion.length());
    }

    /**
     * The text after the last {@code </think>}; the whole completion when it has no think tags; empty when a
     * {@code <think>} was never closed (a truncated chain of thought has no final answer).
     */
    public static String answerPart(String completion) {
        return answerSpan(completion).of(completion);
    }

    /** The reasoning to score for language consistency: {@link Split#reasoning()}, or all text without think tags. */
    public static String reasoningOrAll(String completion) {
        return reasoningOrAllSpan(completion).of(completion);
    }

    /** Where {@link #reasoningOrAll} lies in the completion. */
    public static Span reasoningOrAllSpan(String completion) {
        boolean tagged = completion.contains(THINK_CLOSE) || completion.contains(THINK_OPEN);
        return tagged ? reasoningSpan(completion) : new Span(0, completion.length());
    }

    /**
     * The content of the last {@code <answer>…</answer>} block of the answer part, or null when the answer part has
     * none — a block inside the reasoning is never the answer.
     */
    public static String answerBlock(String completion) {
        Span span = answerBlockSpan(completion);
        return span == null ? null : span.of(completion);
    }

    /** Where {@link #answerBlock} lies in the completion, or null. */
    public static Span answerBlockSpan(String completion) {
        Span answer = answerSpan(completion);
        int close = completion.lastIndexOf(ANSWER_CLOSE, answer.end() - ANSWER_CLOSE.length());
        if (close < answer.start()) {
            return null;
        }
        int open = completion.lastIndexOf(ANSWER_OPEN, close - ANSWER_OPEN.length());
        return open < answer.start() ? null : new Span(open + ANSWER_OPEN.length(), close);
    }
}
