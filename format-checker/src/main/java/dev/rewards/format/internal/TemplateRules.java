package dev.rewards.format.internal;

import java.util.ArrayList;
import java.util.List;

import dev.rewards.format.Template;
import dev.rewards.format.Violation;

/** The strict rule of each template, stated in the README; every check is a linear scan. */
public final class TemplateRules {

    /** Violations of one code beyond the first are summarised in its message, so hostile input cannot inflate a response. */
    public record Outcome(List<Violation> violations, String think, String answer) {
    }

    private TemplateRules() {
    }

    public static Outcome check(Template template, String text) {
        return switch (template) {
            case R1 -> r1(text);
            case THINK_ANSWER_OPTIONAL -> thinkFirst(text, true);
            case THINK_ONLY -> thinkFirst(text, false);
            case OPENR1 -> OpenR1Pattern.match(text);
        };
    }

    private static Outcome r1(String text) {
        int start = Text.stripStart(text);
        int end = Text.stripEnd(text, start);
        TagScan scan = TagScan.of(text);
        List<Violation> violations = new ArrayList<>();
        boolean eachOnce = tagCounts(scan, violations, Tag.values());
        malformed(scan, violations);
        int thinkOpen = scan.first(Tag.THINK_OPEN);
        int thinkClose = firstAfter(scan, Tag.THINK_CLOSE, thinkOpen);
        int answerOpen = firstAfter(scan, Tag.ANSWER_OPEN, thinkClose);
        int answerClose = firstAfter(scan, Tag.ANSWER_CLOSE, answerOpen);
        String think = inner(text, thinkOpen, Tag.THINK_OPEN, thinkClose);
        String answer = inner(text, answerOpen, Tag.ANSWER_OPEN, answerClose);
        if (eachOnce) {
            boolean ordered = thinkOpen < thinkClose && thinkClose < answerOpen && answerOpen < answerClose;
            if (!ordered) {
                violations.add(new Violation("wrong_order",
                        "the tags must appear in the order <think>, </think>, <answer>, </answer>", -1));
            } else {
                if (thinkOpen != start) {
                    violations.add(new Violation("text_before_think", "text before <think>", start));
                }
                int thinkEnd = thinkClose + Tag.THINK_CLOSE.text().length();
                if (!Text.isAsciiWhitespace(text, thinkEnd, answerOpen)) {
                    violations.add(new Violation("text_between_blocks",
                            "only whitespace may separate </think> and <answer>", thinkEnd));
                }
                int answerEnd = answerClose + Tag.ANSWER_CLOSE.text().length();
                if (answerEnd != end) {
                    violations.add(new Violation("text_after_answer", "text after </answer>", answerEnd));
                }
                emptyBlocks(text, violations, thinkOpen, thinkClose, answerOpen, answerClose);
            }
        }
        return new Outcome(violations, think, answer);
    }

    /**
     * One think block at the start, then anything ({@code think_only}) or a visible final answer, in
     * {@code <answer>} tags placed after the block if tags are used ({@code think_answer_optional}).
     */
    private static Outcome thinkFirst(String text, boolean answerRequired) {
        int start = Text.stripStart(text);
        int end = Text.stripEnd(text, start);
        TagScan scan = TagScan.of(text);
        List<Violation> violations = new ArrayList<>();
        boolean thinkOnce = tagCounts(scan, violations, Tag.THINK_OPEN, Tag.THINK_CLOSE);
        malformed(scan, violations);
        int thinkOpen = scan.first(Tag.THINK_OPEN);
        int thinkClose = firstAfter(scan, Tag.THINK_CLOSE, thinkOpen);
        String think = inner(text, thinkOpen, Tag.THINK_OPEN, thinkClose);
        String answer = null;
        if (thinkOnce) {
            if (thinkOpen > thinkClose) {
                violations.add(new Violation("wrong_order", "</think> comes before <think>", thinkClose));
            } else {
                checkThinkBlock(text, violations, start, thinkOpen, thinkClose);
                int rest = thinkClose + Tag.THINK_CLOSE.text().length();
                answer = answerRequired ? finalAnswer(text, scan, violations, rest, end)
                        : Text.stripped(text, rest, Math.max(rest, end));
            }
        }
        return new Outcome(violations, think, answer == null || answer.isEmpty() ? null : answer);
    }

    private static String finalAnswer(String text, TagScan scan, List<Violation> violations, int rest, int end) {
        String answer = null;
        boolean tagged = scan.count(Tag.ANSWER_OPEN) > 0 || scan.count(Tag.ANSWER_CLOSE) > 0;
        if (!tagged) {
            answer = Text.stripped(text, rest, Math.max(rest, end));
        } else if (tagCounts(scan, violations, Tag.ANSWER_OPEN, Tag.ANSWER_CLOSE)) {
            int answerOpen = scan.first(Tag.ANSWER_OPEN);
            int answerClose = scan.first(Tag.ANSWER_CLOSE);
            if (answerOpen < rest || answerClose < answerOpen) {
                violations.add(new Violation("wrong_order", "<answer>…</answer> must follow the think block", answerOpen));
            } else {
                answer = inner(text, answerOpen, Tag.ANSWER_OPEN, answerClose);
            }
        }
        if (answer != null && !Text.hasVisible(answer, 0, answer.length())) {
            violations.add(new Violation("empty_answer", "no final answer after </think>", rest));
        }
        return answer;
    }

    private static void checkThinkBlock(String text, List<Violation> violations, int start, int open, int close) {
        if (open != start) {
            violations.add(new Violation("text_before_think", "text before <think>", start));
        }
        if (!Text.hasVisible(text, open + Tag.THINK_OPEN.text().length(), close)) {
            violations.add(new Violation("empty_think", "the think block is empty", open));
        }
    }

    private static void emptyBlocks(String text, List<Violation> violations, int thinkOpen, int thinkClose,
                                    int answerOpen, int answerClose) {
        if (!Text.hasVisible(text, thinkOpen + Tag.THINK_OPEN.text().length(), thinkClose)) {
            violations.add(new Violation("empty_think", "the think block is empty", thinkOpen));
        }
        if (!Text.hasVisible(text, answerOpen + Tag.ANSWER_OPEN.text().length(), answerClose)) {
            violations.add(new Violation("empty_answer", "the answer block is empty", answerOpen));
        }
    }

    /** Adds missing/duplicate violations for the given tags; true when each occurs exactly once. */
    private static boolean tagCounts(TagScan scan, List<Violation> violations, Tag... tags) {
        boolean eachOnce = true;
        for (Tag tag : tags) {
            int count = scan.count(tag);
            if (count == 0) {
                violations.add(new Violation(tag.missingCode(), tag.text() + " is missing", -1));
                eachOnce = false;
            } else if (count > 1) {
                violations.add(new Violation("duplicate_tag",
                        tag.text() + " occurs " + count + " times, exactly once is allowed", scan.positions(tag).get(1)));
                eachOnce = false;
            }
        }
        return eachOnce;
    }

    private static void malformed(TagScan scan, List<Violation> violations) {
        List<Integer> malformed = scan.malformed();
        if (!malformed.isEmpty()) {
            violations.add(new Violation("malformed_tag", malformed.size()
                    + " tag(s) with attributes or in another case; tags are case-sensitive and take no attributes",
                    malformed.get(0)));
        }
    }

    private static int firstAfter(TagScan scan, Tag tag, int position) {
        if (position < 0) {
            return -1;
        }
        for (int candidate : scan.positions(tag)) {
            if (candidate > position) {
                return candidate;
            }
        }
        return -1;
    }

    private static String inner(String text, int open, Tag openTag, int close) {
        if (open < 0 || close < 0) {
            return null;
        }
        return Text.stripped(text, open + openTag.text().length(), close);
    }
}
