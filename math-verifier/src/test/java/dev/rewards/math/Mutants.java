package dev.rewards.math;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Near-miss mutants of a gold answer, unequal to it by construction: a digit changed, the sign flipped, ±1, ×10, the
 * last decimal changed, a subscript or log base changed, an absolute value dropped, tuple entries swapped, an
 * interval end opened or closed, a set element removed or added, an equation's label changed, a single value hedged
 * with a near miss or negated or given a tiny imaginary part. Textual, so that the
 * verifier's own parsing is what is tested.
 */
final class Mutants {

    record Mutant(String operator, String text) {
    }

    /** FAST for the test run; LARGE, for the bench, changes every digit to every other and steps by up to 3. */
    enum Size {
        FAST(new int[] {1, 3, 5, 7}, 2, 8), LARGE(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 16);

        final int[] digitSteps;
        final int maxStep;
        final int maxNumbers;

        Size(int[] digitSteps, int maxStep, int maxNumbers) {
            this.digitSteps = digitSteps;
            this.maxStep = maxStep;
            this.maxNumbers = maxNumbers;
        }
    }

    /** A number not preceded by a letter, digit, point or subscript mark (those are names: x1, a_2). */
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z0-9.{_]|_\\{|\\d,)\\d+(?:\\.\\d+)?");
    private static final Pattern SUBSCRIPT = Pattern.compile("_(\\{[^{}]*}|[0-9A-Za-z])");
    private static final Pattern LABEL = Pattern.compile("^\\s*([A-Za-z])\\s*=(?!=)");

    private Mutants() {
    }

    static List<Mutant> of(String gold, Size size) {
        Set<Mutant> out = new LinkedHashSet<>();
        if (gold.contains("\\approx") || gold.indexOf('=') != gold.lastIndexOf('=') && !gold.contains(",")) {
            // an approximation beside the exact value, or a worked chain a = b = c: only the last value answers
            return List.of();
        }
        numbers(gold, size, out);
        subscripts(gold, out);
        absoluteValue(gold, out);
        brackets(gold, out);
        label(gold, out);
        hedgesAndTinyParts(gold, out);
        out.removeIf(m -> m.text().equals(gold) || m.text().isBlank());
        return new ArrayList<>(out);
    }

    private static void numbers(String gold, Size size, Set<Mutant> out) {
        Matcher m = NUMBER.matcher(gold);
        int seen = 0;
        while (m.find() && seen++ < size.maxNumbers) {
            String number = m.group();
            if (isInsideCommandArgumentOfDigits(gold, m.start())) {
                continue;
            }
            BigDecimal value = new BigDecimal(number);
            for (int i = 0; i < number.length(); i++) {
                char c = number.charAt(i);
                if (!Character.isDigit(c)) {
                    continue;
                }
                for (int step : size.digitSteps) {
                    int changed = (c - '0' + step) % 10;
                    if (changed == 0 && i == 0 && number.length() > 1) {
                        changed = 2;
                    }
                    String digit = number.substring(0, i) + changed + number.substring(i + 1);
                    boolean lastDecimal = number.contains(".") && i == number.length() - 1;
                    out.add(new Mutant(lastDecimal ? "last decimal changed" : "digit changed", replace(gold, m, digit)));
                }
            }
            for (int step = 1; step <= size.maxStep; step++) {
                BigDecimal delta = BigDecimal.valueOf(step);
                out.add(new Mutant("+" + step, replace(gold, m, plain(value.add(delta)))));
                if (value.compareTo(delta) >= 0) {
                    out.add(new Mutant("-" + step, replace(gold, m, plain(value.subtract(delta)))));
                }
            }
            if (value.signum() != 0) {
                out.add(new Mutant("×10", replace(gold, m, plain(value.multiply(BigDecimal.TEN)))));
                out.add(new Mutant("÷10", replace(gold, m, plain(value.divide(BigDecimal.TEN)))));
                boolean negative = m.start() > 0 && gold.charAt(m.start() - 1) == '-';
                String flipped = negative ? gold.substring(0, m.start() - 1) + gold.substring(m.start())
                        : gold.substring(0, m.start()) + "-" + gold.substring(m.start());
                if (!precededByOperand(gold, negative ? m.start() - 1 : m.start())) {
                    out.add(new Mutant("sign flipped", flipped));
                }
            }
        }
    }

    /** A minus sign inserted after a ^ or _ without braces would change what the exponent is, not its sign. */
    private static boolean precededByOperand(String text, int index) {
        int i = index - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i >= 0 && (text.charAt(i) == '^' || text.charAt(i) == '_' || Character.isLetterOrDigit(text.charAt(i))
                || text.charAt(i) == ')' || text.charAt(i) == '}');
    }

    /** {@code \frac12}: the digits are two arguments, a textual number change would regroup them. */
    private static boolean isInsideCommandArgumentOfDigits(String text, int start) {
        return start >= 5 && text.startsWith("\\frac", start - 5) || start >= 6 && text.startsWith("\\dfrac", start - 6)
                || start >= 5 && text.startsWith("\\sqrt", start - 5);
    }

    private static void subscripts(String gold, Set<Mutant> out) {
        Matcher m = SUBSCRIPT.matcher(gold);
        while (m.find()) {
            String inner = m.group(1).startsWith("{") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            String changed;
            if (inner.matches("\\d+")) {
                changed = plain(new BigDecimal(inner).add(BigDecimal.ONE));
            } else if (inner.matches("[A-Za-z]")) {
                changed = inner.equals("n") ? "m" : "n";
            } else {
                changed = inner + "+1";
            }
            String operator = gold.substring(0, m.start()).endsWith("\\log") ? "log base changed" : "subscript changed";
            out.add(new Mutant(operator, gold.substring(0, m.start()) + "_{" + changed + "}" + gold.substring(m.end())));
        }
    }

    private static void absoluteValue(String gold, Set<Mutant> out) {
        if (gold.contains("\\left|") && gold.contains("\\right|")) {
            out.add(new Mutant("absolute value dropped", gold.replaceFirst("\\\\left\\|", "(").replaceFirst("\\\\right\\|", ")")));
            return;
        }
        int open = gold.indexOf('|');
        int close = open < 0 ? -1 : gold.indexOf('|', open + 1);
        if (close > open + 1) {
            out.add(new Mutant("absolute value dropped",
                    gold.substring(0, open) + "(" + gold.substring(open + 1, close) + ")" + gold.substring(close + 1)));
        }
    }

    /** Tuples, intervals, sets and bare lists: entries swapped, ends opened or closed, elements removed or added. */
    private static void brackets(String gold, Set<Mutant> out) {
        String s = gold.strip();
        String open;
        String close;
        if (s.startsWith("\\{") && s.endsWith("\\}")) {
            open = "\\{";
            close = "\\}";
        } else if (s.length() >= 2 && "([".indexOf(s.charAt(0)) >= 0 && ")]".indexOf(s.charAt(s.length() - 1)) >= 0) {
            open = s.substring(0, 1);
            close = s.substring(s.length() - 1);
        } else {
            open = "";
            close = "";
        }
        String inner = s.substring(open.length(), s.length() - close.length());
        List<String> parts = splitTopLevel(inner);
        if (parts.size() < 2 || (open.isEmpty() && parts.stream().anyMatch(p -> p.contains("=")))) {
            return;
        }
        if (open.isEmpty() && !isBalanced(inner)) {
            return;
        }
        boolean set = open.equals("\\{") || open.isEmpty();
        if (!set) {
            for (int i = 1; i < parts.size(); i++) {
                if (!parts.get(i).strip().equals(parts.get(0).strip())) {
                    List<String> swapped = new ArrayList<>(parts);
                    swapped.set(0, parts.get(i));
                    swapped.set(i, parts.get(0));
                    out.add(new Mutant("tuple entries swapped", open + String.join(",", swapped) + close));
                    break;
                }
            }
            if (parts.size() == 2 && !s.contains("infty")) {
                String flippedOpen = open.equals("(") ? "[" : "(";
                String flippedClose = close.equals(")") ? "]" : ")";
                out.add(new Mutant("interval end opened/closed", flippedOpen + inner + close));
                out.add(new Mutant("interval end opened/closed", open + inner + flippedClose));
            }
        }
        for (int i = 0; i < Math.min(parts.size(), 3); i++) {
            List<String> removed = new ArrayList<>(parts);
            removed.remove(i);
            out.add(new Mutant(set ? "set element removed" : "tuple entry removed", open + String.join(",", removed) + close));
        }
        out.add(new Mutant(set ? "set element added" : "tuple entry added", open + inner + ",1000003" + close));
    }

    private static void label(String gold, Set<Mutant> out) {
        Matcher m = LABEL.matcher(gold);
        if (m.find()) {
            String letter = m.group(1);
            String other = letter.equals("y") ? "x" : "y";
            if (!gold.substring(m.end()).contains(other)) {
                out.add(new Mutant("equation label changed", other + gold.substring(m.end(1))));
            }
        }
    }

    private static final Pattern SCALAR = Pattern.compile("^[^,;=<>%]*$");

    /**
     * For a single value: a hedge between it and a near miss ("g or m", both orders), its negation, and the value plus
     * an imaginary part of 10^{-20} (which doubles do not see).
     */
    private static void hedgesAndTinyParts(String gold, Set<Mutant> out) {
        if (!SCALAR.matcher(gold).matches() || gold.contains("\\{") || gold.contains("\\begin") || gold.contains("\\cup")
                || gold.contains("\\circ") || gold.contains("\\text") || gold.contains("\\pm") || gold.contains("\\le")
                || gold.contains("\\ge") || gold.contains("\\in") || gold.contains("\\ne")) {
            return;
        }
        String nearMiss = out.stream().filter(m -> m.operator().equals("+1")).map(Mutant::text).findFirst().orElse(null);
        if (nearMiss != null) {
            out.add(new Mutant("hedged with a near miss", gold + " \\text{ or } " + nearMiss));
            out.add(new Mutant("hedged with a near miss", nearMiss + " \\text{ or } " + gold));
        }
        out.add(new Mutant("negated", "\\text{not } " + gold));
        if (!gold.strip().startsWith("(") && !gold.strip().startsWith("[")) {
            out.add(new Mutant("tiny imaginary part", "(" + gold + ")+10^{-20}i"));
        }
    }

    private static String replace(String text, Matcher m, String replacement) {
        return text.substring(0, m.start()) + replacement + text.substring(m.end());
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }

    /** Splits at commas outside any brackets. */
    static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int level = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                level++;
            } else if (c == ')' || c == ']' || c == '}') {
                level--;
            } else if (c == ',' && level == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static boolean isBalanced(String s) {
        int level = 0;
        for (char c : s.toCharArray()) {
            level += c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
            if (level < 0) {
                return false;
            }
        }
        return level == 0;
    }
}
