package dev.rewards.gateway;

import dev.rewards.web.Reasoning;

/**
 * The part of a response the accuracy check sees, by the shared reasoning splitter: only the text after the last
 * {@code </think>} counts; in it, the content of the last {@code <answer>…</answer>} when the template has an answer
 * block and it is there, else all of that text. Reasoning never reaches the answer checker, so a correct-looking
 * intermediate result — even one written as an {@code <answer>} block inside the reasoning — cannot score.
 */
public final class AnswerSelection {

    private AnswerSelection() {
    }

    public static String answer(String response, String template) {
        int[] span = span(response, template);
        return response.substring(span[0], span[1]);
    }

    /** {@code [start, end)} of {@link #answer} in the response. */
    public static int[] span(String response, String template) {
        if (!"think_answer_optional".equals(template) && !"think_only".equals(template)) {
            Reasoning.Span block = Reasoning.answerBlockSpan(response);
            if (block != null) {
                return new int[] {block.start(), block.end()};
            }
        }
        Reasoning.Span part = Reasoning.answerSpan(response);
        return new int[] {part.start(), part.end()};
    }
}
