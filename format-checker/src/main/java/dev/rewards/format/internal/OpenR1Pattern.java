package dev.rewards.format.internal;

import java.util.List;

import dev.rewards.format.Violation;

/**
 * open-r1's {@code format_reward}: Python {@code re.match(r"^<think>\n.*?\n</think>\n<answer>\n.*?\n</answer>$", text,
 * re.DOTALL | re.MULTILINE)}, decided without a regex engine. With DOTALL the lazy groups may hold anything (tags and
 * newlines included) and MULTILINE lets {@code $} match before any newline, so a match exists exactly when the text
 * starts with {@code "<think>\n"}, contains {@code "\n</think>\n<answer>\n"} after that, and later a
 * {@code "\n</answer>"} that ends the text or a line. Taking the earliest middle leaves the most room for the end.
 */
final class OpenR1Pattern {

    private static final String OPEN = "<think>\n";
    private static final String MIDDLE = "\n</think>\n<answer>\n";
    private static final String CLOSE = "\n</answer>";

    private OpenR1Pattern() {
    }

    static TemplateRules.Outcome match(String text) {
        if (text.startsWith(OPEN)) {
            int middle = text.indexOf(MIDDLE, OPEN.length());
            if (middle >= 0) {
                int answerStart = middle + MIDDLE.length();
                for (int close = text.indexOf(CLOSE, answerStart); close >= 0; close = text.indexOf(CLOSE, close + 1)) {
                    int after = close + CLOSE.length();
                    if (after == text.length() || text.charAt(after) == '\n') {
                        return new TemplateRules.Outcome(List.of(), text.substring(OPEN.length(), middle),
                                text.substring(answerStart, close));
                    }
                }
            }
        }
        return new TemplateRules.Outcome(List.of(new Violation("pattern_mismatch",
                "does not match open-r1's ^<think>\\n.*?\\n</think>\\n<answer>\\n.*?\\n</answer>$", -1)), null, null);
    }
}
