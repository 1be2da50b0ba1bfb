package dev.rewards.gateway;

/**
 * The part of a response the accuracy check sees: the content of the last {@code <answer>…</answer>} when the
 * template has an answer block and it is there, else the text after the last {@code </think>}, else the whole
 * response. Reasoning never reaches the answer checker, so a correct-looking intermediate result cannot score.
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
            int close = response.lastIndexOf("</answer>");
            int open = close < 0 ? -1 : response.lastIndexOf("<answer>", close);
            if (open >= 0) {
                return new int[] {open + "<answer>".length(), close};
            }
        }
        int think = response.lastIndexOf("</think>");
        if (think >= 0) {
            return new int[] {think + "</think>".length(), response.length()};
        }
        return new int[] {0, response.length()};
    }
}
