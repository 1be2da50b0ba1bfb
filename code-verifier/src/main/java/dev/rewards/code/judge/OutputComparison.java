package dev.rewards.code.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares a program's output with the expected output (DOMjudge/Kattis conventions). Linear in the output size;
 * CRLF line ends count as LF in every mode but {@code exact}.
 *
 * @param floatTolerance absolute-or-relative tolerance of {@link CompareMode#FLOAT} (default 1e-6)
 */
public record OutputComparison(CompareMode mode, boolean caseInsensitive, double floatTolerance) {

    public static final OutputComparison DEFAULT = new OutputComparison(CompareMode.LINES, false, 1e-6);

    public OutputComparison {
        mode = mode == null ? CompareMode.LINES : mode;
        if (!(floatTolerance >= 0)) {
            throw new IllegalArgumentException("compare.float_tolerance must be ≥ 0");
        }
    }

    public boolean matches(String actual, String expected) {
        if (mode == CompareMode.EXACT) {
            return caseInsensitive ? actual.equalsIgnoreCase(expected) : actual.equals(expected);
        }
        String a = actual.replace("\r\n", "\n");
        String e = expected.replace("\r\n", "\n");
        return switch (mode) {
            case LINES -> equalLines(lines(a), lines(e));
            case TOKENS -> equalTokens(tokens(a), tokens(e), false);
            case FLOAT -> equalTokens(tokens(a), tokens(e), true);
            case EXACT -> throw new IllegalStateException("handled above");
        };
    }

    private boolean equalLines(List<String> actual, List<String> expected) {
        if (actual.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            if (!same(actual.get(i), expected.get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean equalTokens(List<String> actual, List<String> expected, boolean numeric) {
        if (actual.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            String a = actual.get(i);
            String e = expected.get(i);
            if (same(a, e)) {
                continue;
            }
            if (!numeric || !closeNumbers(a, e)) {
                return false;
            }
        }
        return true;
    }

    private boolean same(String a, String e) {
        return caseInsensitive ? a.equalsIgnoreCase(e) : a.equals(e);
    }

    private boolean closeNumbers(String actual, String expected) {
        Double a = parse(actual);
        Double e = parse(expected);
        if (a == null || e == null) {
            return false;
        }
        if (a.isNaN() || e.isNaN()) {
            return a.isNaN() && e.isNaN();
        }
        if (a.isInfinite() || e.isInfinite()) {
            return a.equals(e);
        }
        double difference = Math.abs(a - e);
        return difference <= floatTolerance || difference <= floatTolerance * Math.abs(e);
    }

    private static Double parse(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        switch (t) {
            case "nan", "+nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (t.isEmpty() || t.length() > 400 || !(Character.isDigit(t.charAt(t.length() - 1)) || t.endsWith("."))) {
            return null;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Lines with trailing whitespace removed, trailing blank lines dropped. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            out.add(stripTrailing(text, start, end));
            start = end + 1;
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int length = text.length();
        while (i < length) {
            while (i < length && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    private static String stripTrailing(String text, int start, int end) {
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }
}
