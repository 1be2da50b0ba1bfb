package dev.rewards.math.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in a model's response. Each strategy looks at the text after the last {@code </think>} when
 * there is one (an answer inside the reasoning is not the final answer). All scans are linear: braces are matched by
 * counting, phrases by bounded patterns.
 */
public final class Extractor {

    public enum Strategy { BOXED, ANSWER_TAG, FINAL_ANSWER_PHRASE, LAST_MATH, LAST_NUMBER }

    static final Pattern PHRASE = Pattern.compile("(?i)(?:final answer is|the answer is|answer is|final answer\\s*[:：]|"
            + "answer\\s*[:：]|réponse\\s*(?:est|[:：])|respuesta\\s*(?:es|[:：])|antwort\\s*(?:ist|[:：])|"
            + "resposta\\s*(?:é|[:：])|risposta\\s*(?:è|[:：])|答案是|答案\\s*[:：]|解答\\s*[:：]|"
            // GSM8K's answer line "#### 18": a number alone on its line, which a Markdown heading ("#### Step 2",
            // "#### 1. Setup") is not
            + "####(?=[ \\t]*[-+]?\\$?[\\d.,]+[ \\t]*(?:\\n|$)))\\s*");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z\\d])-?\\d+(?:[.,]\\d+)*(?:\\s*/\\s*\\d+)?");

    private Extractor() {
    }

    /** The answer text per the strategies in order, or null when none finds one. */
    public static String extract(String response, List<Strategy> strategies) {
        String text = afterReasoning(response);
        return extractFrom(text, strategies);
    }

    /** The part of a response after its reasoning: after the last delimiter, or null when it is required and absent. */
    public static String afterDelimiter(String response, String delimiter) {
        int end = response.lastIndexOf(delimiter);
        return end < 0 ? null : response.substring(end + delimiter.length());
    }

    private static final Pattern FINAL_STATEMENT = Pattern.compile("(?i)final answer is\\s*");

    private static String extractFrom(String text, List<Strategy> strategies) {
        String statement = finalStatementAfterLastBox(text, strategies);
        if (statement != null) {
            return statement;
        }
        for (Strategy strategy : strategies) {
            String found = switch (strategy) {
                case BOXED -> lastBoxed(text);
                case ANSWER_TAG -> answerTag(text);
                case FINAL_ANSWER_PHRASE -> phrase(text);
                case LAST_MATH -> lastMath(text);
                case LAST_NUMBER -> lastNumber(text);
            };
            if (found != null && !found.isBlank()) {
                return found.strip();
            }
        }
        return null;
    }

    /**
     * "The final answer is X" written after the last box states the final answer; an earlier box was an intermediate
     * result (Minerva-style completions box sub-results and end with that sentence).
     */
    private static String finalStatementAfterLastBox(String text, List<Strategy> strategies) {
        if (!strategies.contains(Strategy.BOXED) || !strategies.contains(Strategy.FINAL_ANSWER_PHRASE)) {
            return null;
        }
        int lastBox = Math.max(text.lastIndexOf("\\boxed"), text.lastIndexOf("\\fbox"));
        if (lastBox < 0) {
            return null;
        }
        Matcher m = FINAL_STATEMENT.matcher(text);
        int statement = -1;
        while (m.find()) {
            statement = m.start();
        }
        if (statement <= lastBox) {
            return null;
        }
        String boxedInStatement = lastBoxed(text.substring(statement));
        return boxedInStatement != null ? boxedInStatement : phrase(text.substring(statement));
    }

    private static final Pattern BOX_SEPARATOR = Pattern.compile(
            "^(?:[\\s,;$.&]|\\\\[()]|and|or|\\\\quad|\\\\qquad|\\\\text\\{\\s*(?:and|or|,)?\\s*\\})*"
            + "(?:[A-Za-z](?:_\\{?\\w{1,3}\\}?)?\\s*=\\s*)?$");

    /**
     * The last group of boxes written as one list ("\boxed{1}, \boxed{2} and \boxed{3}"): boxes separated only by
     * commas, "and"/"or" or spacing. A box after other prose starts a new group, so an earlier guess never joins it.
     */
    public static List<String> lastBoxGroup(String response) {
        String text = afterReasoning(response);
        List<String> group = new ArrayList<>();
        int from = 0;
        int previousEnd = -1;
        while (true) {
            int[] box = nextBox(text, from);
            if (box == null) {
                return group;
            }
            int boxStart = box[2];
            if (previousEnd >= 0 && !BOX_SEPARATOR.matcher(text.substring(previousEnd + 1, Math.max(previousEnd + 1, boxStart))).matches()) {
                group.clear();
            }
            group.add(text.substring(box[0], box[1]));
            previousEnd = box[1];
            from = box[1];
        }
    }

    private static final Pattern MATH_SPAN = Pattern.compile("(?<!\\\\)\\$([^$]{1,500}?)(?<!\\\\)\\$|\\\\\\((.{1,500}?)\\\\\\)");
    /** What may stand between the spans of a list: punctuation, connectives, enumeration marks such as "(2)". */
    private static final Pattern SPAN_SEPARATOR = Pattern.compile("(?iu)^(?:[\\s,;.、，；]|\\\\quad|\\\\qquad|\\(\\w\\)|\\w[.)](?=\\s)"
            + "|(?<![\\p{L}])(?:and|or|et|ou|y|o|e|und|oder)(?![\\p{L}])|和|或|及|以及)*+$");

    /**
     * Several formulas with only separators between them ("$x = 1$ and $x = 2$", "$5$\n$7$", "(1) $3$ (2) $4$"): the
     * list of them all, joined by commas; null for one formula or for formulas inside prose.
     */
    public static String mathSpanList(String text) {
        Matcher m = MATH_SPAN.matcher(text.replace("$$", "$"));
        String source = text.replace("$$", "$");
        StringBuilder list = new StringBuilder();
        int spans = 0;
        int end = 0;
        while (m.find()) {
            String between = source.substring(end, m.start());
            if (!SPAN_SEPARATOR.matcher(between).matches()) {
                return null;
            }
            String span = (m.group(1) != null ? m.group(1) : m.group(2)).strip();
            if (!span.isEmpty()) {
                // "or" between bounds makes a union, so the connective is kept; any other separator is a comma
                list.append(spans == 0 ? "" : OR_SEPARATOR.matcher(between).find() ? " or "
                        : AND_SEPARATOR.matcher(between).find() ? " and " : ", ").append(span);
                spans++;
            }
            end = m.end();
        }
        return spans > 1 && SPAN_SEPARATOR.matcher(source.substring(end)).matches() ? list.toString() : null;
    }

    private static final Pattern OR_SEPARATOR = Pattern.compile("(?iu)(?<![\\p{L}])(?:or|ou|o|oder)(?![\\p{L}])|或");
    private static final Pattern AND_SEPARATOR = Pattern.compile("(?iu)(?<![\\p{L}])(?:and|et|y|e|und)(?![\\p{L}])|和|及");

    /** The whole response when it is itself a short bare answer ("5", "\\frac{1}{2}", "x = 3"). */
    public static String bare(String response) {
        String text = afterReasoning(response).strip();
        return text.length() <= 120 && !text.contains("\n") && !looksLikeProse(text) ? text : null;
    }

    private static final Pattern PROSE_WORD = Pattern.compile("(?<![\\\\a-zA-Z])(?!(?:sin|cos|tan|cot|sec|csc|log|exp|sqrt|and|inf|pi|max|min|gcd|lcm|mod)\\b)[a-zA-Z]{3,}");
    /** "Paolo: 18, Qing: 14", "Maximum = 2; Minimum = 1": named values, not prose. */
    private static final Pattern LABELLED_LIST = Pattern.compile(
            "^\\s*\\p{L}[\\p{L} ]{1,30}[:=：][^,;:=，；：]{1,60}(?:[,;，；]\\s*\\p{L}[\\p{L} ]{1,30}[:=：][^,;:=，；：]{1,60})+$");

    /**
     * Words of three letters or more outside LaTeX commands: prose around an answer, not an answer. A word naming a
     * value ("Paolo: 18", "Maximum = 2") is a label, not prose.
     */
    public static boolean looksLikeProse(String text) {
        if (text.length() < 400 && LABELLED_LIST.matcher(text.replaceAll("\\\\text\\{([^{}]*)\\}", "$1")).matches()) {
            return false;
        }
        String withoutText = text.replaceAll("\\\\(?:text|mathrm|textbf|mbox|begin|end|operatorname)\\{[^{}]*\\}", " ");
        if (PROSE_WORD.matcher(withoutText).find()) {
            return true;
        }
        for (int i = 0; i < withoutText.length(); i++) {
            char c = withoutText.charAt(i);
            if (c >= 0x2E80 && Character.isLetter(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first math-looking run of a phrase answer: "est (35 + 70 = 105)." gives 105, "aura encore 220 $ à payer"
     * gives 220; the value after the last "=" of a worked computation is the result.
     */
    public static String salvage(String text) {
        if (Normalizer.hedges(text)) {
            // "is not 5", "at least 5": the number is not what the phrase commits to
            return null;
        }
        Matcher latex = LATEX_VALUE.matcher(text);
        if (latex.find()) {
            // "\frac{1}{2} or \frac{1}{3}", "\frac12 \vee 3": a second value after the first is a hedge between them
            return statesAnotherValue(text.substring(latex.end())) ? null : latex.group();
        }
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return null;
        }
        if (start > 0 && text.charAt(start - 1) == '-') {
            start--;
        }
        int end = start;
        while (end < text.length() && "0123456789.,+-*/=() ^".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        String run = text.substring(start, end);
        if (statesAnotherValue(text.substring(end))) {
            // "5 \vee 6", "either 5 or 6", "5|6": which of the values is meant is not for us to pick
            return null;
        }
        int equals = run.lastIndexOf('=');
        if (equals >= 0) {
            run = run.substring(equals + 1);
        }
        run = run.replaceAll("[()\\s]+$", "").replaceAll("^[(\\s]+", "").replaceAll("[.,]+$", "");
        return run.isEmpty() ? null : run;
    }

    /**
     * A second value joined to the first only by punctuation or a connective ("or 6", "\\vee 6", "|6", ", 6"), not one
     * further on in the sentence ("220 $ à payer d'ici 12 mois").
     */
    private static final Pattern ANOTHER_VALUE = Pattern.compile("^(?:[\\s,;/|$()~]|\\\\[ ,;:!]){0,8}(?:(?:or|and|oder|ou|o|und|et|y|或|\\\\vee|"
            + "\\\\lor|\\\\text\\{\\s{0,3}(?:or|and)\\s{0,3}\\})(?:[\\s,;/|$()~]|\\\\[ ,;:!]){0,8})?(?:-?\\d|\\\\(?:[dt]?frac|sqrt|pi)(?![a-zA-Z]))");

    /** An operator continuing the formula the number is part of ("(185\\)+10^{-20}i"): the number is not its value. */
    private static final Pattern CONTINUED = Pattern.compile("^[\\s\\\\)\\]}]{0,6}[-+*/^×·]");

    private static boolean statesAnotherValue(String rest) {
        return ANOTHER_VALUE.matcher(rest).find() || CONTINUED.matcher(rest).find();
    }

    private static final Pattern LATEX_VALUE = Pattern.compile("-?\\\\[dt]?frac\\{[^{}]{1,40}\\}\\{[^{}]{1,40}\\}|-?\\\\sqrt\\{[^{}]{1,40}\\}");

    static String afterReasoning(String response) {
        return dev.rewards.web.Reasoning.answerPart(response);
    }

    static String lastBoxed(String text) {
        int from = 0;
        int[] last = null;
        while (true) {
            int[] box = nextBox(text, from);
            if (box == null) {
                break;
            }
            // An empty box ("maybe \boxed{}" after the answer) states nothing; the last box with content counts.
            if (!isBlank(text, box[0], box[1])) {
                last = box;
            }
            from = box[1];
        }
        return last == null ? null : text.substring(last[0], last[1]);
    }

    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** [start, end) of the content of the next \boxed{…} / \fbox{…} at or after from, braces balanced. */
    private static int[] nextBox(String text, int from) {
        while (true) {
            int boxed = text.indexOf("\\boxed", from);
            int fbox = text.indexOf("\\fbox", from);
            int start = boxed < 0 ? fbox : fbox < 0 ? boxed : Math.min(boxed, fbox);
            if (start < 0) {
                return null;
            }
            int i = start + (start == boxed ? 6 : 5);
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '{') {
                int depth = 0;
                for (int j = i; j < text.length(); j++) {
                    char c = text.charAt(j);
                    if (c == '\\' && j + 1 < text.length()) {
                        j++;
                        continue;
                    }
                    if (c == '{') {
                        depth++;
                    } else if (c == '}' && --depth == 0) {
                        return new int[] {i + 1, j, start};
                    }
                }
                // A box never closed (a truncated response, "\boxed{\text{not } 5\}") holds the rest of the text: its
                // words still count, where a number picked from it would not say what the box says.
                return new int[] {i + 1, text.length(), start};
            }
            if (i < text.length() && i > start + 5 && Character.isLetterOrDigit(text.charAt(i))
                    && Character.isWhitespace(text.charAt(i - 1))) {
                int j = i;
                while (j < text.length() && !Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '$') {
                    j++;
                }
                return new int[] {i, j, start};
            }
            from = i;
        }
    }

    static String answerTag(String text) {
        int open = text.lastIndexOf("<answer>");
        if (open < 0) {
            return null;
        }
        int close = text.indexOf("</answer>", open);
        String inner = close < 0 ? text.substring(open + 8) : text.substring(open + 8, close);
        String boxed = lastBoxed(inner);
        return boxed != null ? boxed : inner;
    }

    private static String phrase(String text) {
        Matcher m = PHRASE.matcher(text);
        int last = -1;
        while (m.find()) {
            last = m.end();
        }
        if (last < 0) {
            return null;
        }
        String rest = text.substring(last);
        String math = firstMath(rest);
        int end = rest.length();
        for (String stop : new String[] {"\n", ". ", "。", "I hope"}) {
            int at = rest.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        // "**Answer:** 5": the Markdown bold around the phrase is no part of the answer
        String sentence = rest.substring(0, end).strip().replaceAll("^\\*+\\s*|\\s*\\*+\\.?$", "");
        if (math != null && !sentence.replace("\\$", "").matches("(?s)^\\$[^$]*\\$.*\\$[^$]*\\$.*$")) {
            return math;
        }
        // Several formulas in the sentence ("$12$ and $13$"): the sentence without its delimiters and quotes.
        String answer = sentence.replace("\\\"", "").replace("\"", "").replace("$", "").strip();
        if (answer.endsWith(".")) {
            answer = answer.substring(0, answer.length() - 1);
        }
        return answer.length() > 200 ? null : answer;
    }

    private static String firstMath(String text) {
        String trimmed = text.stripLeading();
        for (String[] pair : new String[][] {{"$$", "$$"}, {"$", "$"}, {"\\(", "\\)"}, {"\\[", "\\]"}}) {
            if (trimmed.startsWith(pair[0])) {
                int close = trimmed.indexOf(pair[1], pair[0].length());
                if (close > 0) {
                    return trimmed.substring(pair[0].length(), close);
                }
            }
        }
        return null;
    }

    private static String lastMath(String text) {
        int best = -1;
        String found = null;
        for (String[] pair : new String[][] {{"$$", "$$"}, {"\\[", "\\]"}, {"\\(", "\\)"}, {"$", "$"}}) {
            int close = lastUnescaped(text, pair[1], text.length());
            if (close <= 0) {
                continue;
            }
            int open = lastUnescaped(text, pair[0], close - 1);
            if (pair[0].equals("$") && open > 0 && text.charAt(open - 1) == '$') {
                continue;
            }
            boolean inline = pair[0].equals("$") || pair[0].equals("\\(");
            if (open >= 0 && close > best && close - open - pair[0].length() > 0
                    && !(inline && text.substring(open, close).indexOf('\n') >= 0)) {
                // Inline math ends at the line: "$ 9 $" split over lines is not a formula.
                best = close;
                found = text.substring(open + pair[0].length(), close);
                if (pair[0].equals("$")) {
                    found = withAlternatives(text, open, found);
                }
            }
        }
        return found;
    }

    private static final Pattern OR_BEFORE = Pattern.compile(
            "\\$([^$\\n]{1,200})\\$[ \\t]*,?[ \\t]*(?:or|oder|ou|\\\\text\\{\\s*or\\s*\\})[ \\t]*$");

    /**
     * "$6$ or $5$": the last formula is one of alternatives, all of which are the answer (and a hedge against a single
     * gold), not the last one alone.
     */
    private static String withAlternatives(String text, int open, String last) {
        StringBuilder alternatives = new StringBuilder(last);
        int at = open;
        for (int i = 0; i < 8; i++) {
            Matcher m = OR_BEFORE.matcher(text.substring(Math.max(0, at - 240), at));
            if (!m.find()) {
                break;
            }
            alternatives.insert(0, m.group(1) + " or ");
            at = Math.max(0, at - 240) + m.start();
        }
        return alternatives.toString();
    }

    /** Last index of a delimiter at or before from, skipping an escaped \\$ (a dollar sign, not math). */
    private static int lastUnescaped(String text, String delimiter, int from) {
        int at = text.lastIndexOf(delimiter, from);
        while (at > 0 && delimiter.equals("$") && text.charAt(at - 1) == '\\') {
            at = text.lastIndexOf(delimiter, at - 1);
        }
        return at;
    }

    private static String lastNumber(String text) {
        Matcher m = NUMBER.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last == null ? null : last.replace(" ", "");
    }

}
