package dev.rewards.math.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The multiple-choice letter a response commits to, read only from an answer position. */
public final class Choices {

    private static final Pattern STANDALONE_LETTER = Pattern.compile("(?<![A-Za-z'’\\\\])\\(?([A-J])\\)?(?![A-Za-z'’^+/=_{]|\\*(?!\\*))");
    /**
     * What may stand between an answer phrase and its letter: spacing, markup, "option"/"choice" and a few filler
     * words ("the answer is for sure D"), but never a negation ("the answer is not A").
     */
    private static final Pattern LETTER_AFTER_PHRASE = Pattern.compile("^(?:[\\s*:$({]|\\\\(?:boxed|text|textbf|mathrm|mathbf)\\{"
            + "|(?i:option|choice|opción|opci[oó]n|choix|option|antwort)\\b|(?!(?i:not|no|never|neither|nor|non|nicht|pas|nunca|jamais)\\b)[a-z]{1,8}\\s+){0,6}"
            + "\\(?([A-J])\\)?(?![A-Za-z0-9'’])");
    /** "A or B", "A/B" right after the phrase: a hedge, which commits to no letter. */
    private static final Pattern HEDGE = Pattern.compile("^\\)?\\**\\s*(?:or|/|,\\s*or|oder|ou|o|或)\\s*\\(?[A-J]\\)?(?![A-Za-z])");
    /** "B is correct", "C is the answer": a letter that is the subject of a verdict. */
    private static final Pattern LETTER_IS_ANSWER = Pattern.compile(
            "(?<![A-Za-z'’])\\(?([A-J])\\)?\\s+is\\s+(?:the\\s+)?(?:correct|right|true|answer|best)");

    /**
     * The multiple-choice letter a response commits to, or null. A letter counts only in an answer position: a box,
     * an answer tag, right after an answer phrase, or standing on its own as "B", "(B)", "B.", "B:" or "**B**" — never
     * as the first word of a sentence ("A quick check…", "I think…").
     */
    public static Character choice(String response) {
        String text = Extractor.afterReasoning(response).strip();
        String boxed = Extractor.lastBoxed(text);
        if (boxed != null && (Extractor.lastBoxGroup(text).stream().distinct().count() > 1 || namesSeveral(boxed))) {
            // "\boxed{C} \boxed{B}", "\boxed{(A)(B)}": several letters in the answer position commit to none
            return null;
        }
        if (boxed != null) {
            Character letter = AnswerParser.choiceLetter(boxed);
            if (letter != null) {
                return letter;
            }
        }
        String tagged = Extractor.answerTag(text);
        if (tagged != null && namesSeveral(tagged)) {
            return null;
        }
        if (tagged != null && !tagged.isBlank()) {
            Character letter = AnswerParser.choiceLetter(tagged.strip());
            if (letter != null) {
                return letter;
            }
        }
        Matcher phrase = Extractor.PHRASE.matcher(text);
        int last = -1;
        while (phrase.find()) {
            last = phrase.end();
        }
        if (last >= 0) {
            Matcher letter = LETTER_AFTER_PHRASE.matcher(text.substring(last, Math.min(text.length(), last + 80)));
            if (letter.find()) {
                String rest = text.substring(last + letter.end(), Math.min(text.length(), last + letter.end() + 12));
                return HEDGE.matcher(rest).find() ? null : letter.group(1).charAt(0);
            }
        }
        Matcher verdict = LETTER_IS_ANSWER.matcher(text);
        Character stated = null;
        while (verdict.find()) {
            stated = verdict.group(1).charAt(0);
        }
        if (stated != null) {
            return stated;
        }
        Character whole = AnswerParser.choiceLetter(text);
        if (whole != null) {
            return whole;
        }
        Character standalone = null;
        Matcher candidate = STANDALONE_LETTER.matcher(text);
        while (candidate.find()) {
            int at = candidate.start(1);
            if (at == 0 && answerForm(text, at)) {
                return text.charAt(at);
            }
            if (negated(text, at)) {
                continue;
            }
            if (answerForm(text, at) || (text.indexOf('\\') < 0 && !sentenceWord(text, at))) {
                standalone = text.charAt(at);
            }
        }
        return standalone;
    }

    private static final Pattern NEGATION_BEFORE = Pattern.compile(
            "(?i)(?<![A-Za-z])(?:not|no|never|neither|nor|isn't|except|nicht|pas|non)[\\s*(]*$");

    /** "not B", "except (C)": a letter named as what the answer is not. */
    private static boolean negated(String text, int at) {
        return NEGATION_BEFORE.matcher(text.substring(Math.max(0, at - 12), at)).find();
    }

    /** Two different letters written as choices in one answer ("(A)(B)", "\text{(A)}, \text{(B)}", "A and C"). */
    private static boolean namesSeveral(String answer) {
        String s = Normalizer.normalize(answer).text();
        Matcher m = STANDALONE_LETTER.matcher(s);
        Character first = null;
        while (m.find()) {
            char letter = s.charAt(m.start(1));
            if (first == null) {
                first = letter;
            } else if (letter != first) {
                return true;
            }
        }
        return false;
    }

    /** "(B)", "**B**", "B." / "B:" / "B)" before a space or the end, "B" alone on its line, "B不是 A". */
    private static boolean answerForm(String text, int at) {
        char before = at > 0 ? text.charAt(at - 1) : '\n';
        char after = at + 1 < text.length() ? text.charAt(at + 1) : '\n';
        if (before == '(' && after == ')' || at >= 2 && text.startsWith("**", at - 2) && text.startsWith("**", at + 1)) {
            return true;
        }
        if (".:)。：".indexOf(after) >= 0 && before != '(') {
            char next = at + 2 < text.length() ? text.charAt(at + 2) : ' ';
            return !Character.isLetterOrDigit(next) || isCjk(next);
        }
        return lineStartsAt(text, at) && (restOfLineBlank(text, at + 1) || isCjk(after));
    }

    private static boolean restOfLineBlank(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i == text.length() || text.charAt(i) == '\n' || text.charAt(i) == '\r';
    }

    private static boolean lineStartsAt(String text, int at) {
        int i = at - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i < 0 || text.charAt(i) == '\n';
    }

    private static boolean isCjk(char c) {
        return c >= 0x2E80 && Character.isLetter(c) || c >= 0x3000 && c <= 0x303F;
    }

    /**
     * The article "A" or the pronoun "I" opening a sentence, or "I" before a word anywhere: a word of prose, not a
     * choice. A letter inside a sentence ("because B is valid") is a choice.
     */
    private static boolean sentenceWord(String text, int at) {
        boolean followedByWord = text.substring(at + 1, Math.min(text.length(), at + 3)).matches("^\\s+[A-Za-z].*|^\\s+[A-Za-z]$");
        if (!followedByWord) {
            return false;
        }
        if (text.charAt(at) == 'I') {
            return true;
        }
        int i = at - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '*' || text.charAt(i) == '"')) {
            i--;
        }
        return i < 0 || ".!?\n:;".indexOf(text.charAt(i)) >= 0;
    }

    private Choices() {
    }
}
