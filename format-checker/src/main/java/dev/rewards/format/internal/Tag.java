package dev.rewards.format.internal;

/** The four tags of the reasoning template, spelled exactly (case-sensitive, no attributes). */
public enum Tag {
    THINK_OPEN("<think>", "missing_think_open"),
    THINK_CLOSE("</think>", "missing_think_close"),
    ANSWER_OPEN("<answer>", "missing_answer_open"),
    ANSWER_CLOSE("</answer>", "missing_answer_close");

    private final String text;
    private final String missingCode;

    Tag(String text, String missingCode) {
        this.text = text;
        this.missingCode = missingCode;
    }

    public String text() {
        return text;
    }

    public String missingCode() {
        return missingCode;
    }
}
