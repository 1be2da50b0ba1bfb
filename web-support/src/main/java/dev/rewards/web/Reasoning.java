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

    public static Split split(String completion) {
        int close = completion.lastIndexOf(THINK_CLOSE);
        int open = completion.indexOf(THINK_OPEN);
        if (close >= 0) {
            int from = open >= 0 && open < close ? open + THINK_OPEN.length() : 0;
            return new Split(completion.substring(from, close), completion.substring(close + THINK_CLOSE.length()),
                    true);
        }
        if (open >= 0) {
            // Still thinking when the generation stopped: all of it is reasoning, there is no answer yet.
            return new Split(completion.substring(open + THINK_OPEN.length()), "", false);
        }
        return new Split("", completion, false);
    }

    /**
     * The text after the last {@code </think>}; the whole completion when it has no think tags; empty when a
     * {@code <think>} was never closed (a truncated chain of thought has no final answer).
     */
    public static String answerPart(String completion) {
        return split(completion).answer();
    }

    /** The reasoning to score for language consistency: {@link Split#reasoning()}, or all text without think tags. */
    public static String reasoningOrAll(String completion) {
        Split split = split(completion);
        return split.closed() || completion.contains(THINK_OPEN) ? split.reasoning() : completion;
    }

    /**
     * The content of the last {@code <answer>…</answer>} block of the answer part, or null when the answer part has
     * none — a block inside the reasoning is never the answer.
     */
    public static String answerBlock(String completion) {
        String answer = answerPart(completion);
        int close = answer.lastIndexOf(ANSWER_CLOSE);
        int open = close < 0 ? -1 : answer.lastIndexOf(ANSWER_OPEN, close);
        return open < 0 ? null : answer.substring(open + ANSWER_OPEN.length(), close);
    }
}
