package dev.rewards.format.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.rewards.format.SoftParams;

/** The shaping rewards, each a single pass over the text; formulas are documented in the README. */
public final class SoftScores {

    private SoftScores() {
    }

    /** open-r1 {@code tag_count_reward}: +0.25 for each marker that occurs exactly once (non-overlapping, as str.count). */
    public static double tagCount(String text) {
        double score = 0;
        for (String marker : new String[] {"<think>\n", "\n</think>\n", "\n<answer>\n", "\n</answer>"}) {
            if (countNonOverlapping(text, marker) == 1) {
                score += 0.25;
            }
        }
        return score;
    }

    /**
     * Step markers: "Step N:", "First,", "Second,", "Next,", "Finally," anywhere, and numbered ("1.") or bulleted
     * ("-", "*") lines at the start of any line (open-r1 only sees a numbered line at the very start). min(1, n/3).
     */
    public static double reasoningSteps(String text) {
        int count = 0;
        int length = text.length();
        boolean lineStart = true;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (lineStart) {
                int j = i;
                while (j < length && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                    j++;
                }
                if (j < length) {
                    char first = text.charAt(j);
                    if (first == '-' || first == '*') {
                        count++;
                    } else if (isAsciiDigit(first)) {
                        int k = j;
                        while (k < length && isAsciiDigit(text.charAt(k))) {
                            k++;
                        }
                        if (k < length && text.charAt(k) == '.') {
                            count++;
                        }
                    }
                }
            }
            lineStart = c == '\n';
            if (c == 'S' && text.startsWith("Step ", i)) {
                int k = i + 5;
                int digits = k;
                while (k < length && isAsciiDigit(text.charAt(k))) {
                    k++;
                }
                if (k > digits && k < length && text.charAt(k) == ':') {
                    count++;
                }
            } else if ((c == 'F' || c == 'S' || c == 'N')
                    && (text.startsWith("First,", i) || text.startsWith("Second,", i)
                        || text.startsWith("Next,", i) || text.startsWith("Finally,", i))) {
                count++;
            }
        }
        return Math.min(1.0, count / 3.0);
    }

    /**
     * open-r1 repetition penalty: {@code (1 − distinct n-grams / n-grams) · max_penalty} over lower-cased tokens, where
     * tokens are whitespace-separated words and every CJK ideograph or kana is a token of its own; 0 when there are
     * fewer than n tokens.
     */
    public static double repetition(String text, int n, double maxPenalty) {
        int[] tokens = tokenIds(text);
        if (tokens.length < n || tokens.length == 0) {
            return 0.0;
        }
        int total = tokens.length - n + 1;
        Set<Object> distinct = new HashSet<>(total * 2);
        boolean packable = n * 21 <= 63;
        for (int i = 0; i < total; i++) {
            if (packable) {
                long key = 0;
                for (int k = 0; k < n; k++) {
                    key = (key << 21) | tokens[i + k];
                }
                distinct.add(key);
            } else {
                distinct.add(java.util.List.of(java.util.Arrays.stream(tokens, i, i + n).boxed().toArray()));
            }
        }
        double scaling = 1.0 - (double) distinct.size() / total;
        return scaling * maxPenalty + 0.0;
    }

    /** DAPO soft overlong punishment: 0 up to L_max − L_cache, then linear down to −1 at L_max, −1 beyond. */
    public static double overlong(SoftParams params) {
        int length = params.length();
        int maxLength = params.maxLength();
        int cache = params.cache();
        int expected = maxLength - cache;
        if (length <= expected) {
            return 0.0;
        }
        if (length > maxLength) {
            return -1.0 * params.penaltyFactor();
        }
        return (double) (expected - length) / cache * params.penaltyFactor();
    }

    /** Token ids below 2^21 (the packing width); texts with more distinct tokens share ids modulo, which only merges counts. */
    private static int[] tokenIds(String text) {
        Map<String, Integer> ids = new HashMap<>();
        int[] out = new int[16];
        int size = 0;
        int length = text.length();
        int i = 0;
        while (i < length) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                i += width;
                continue;
            }
            int end;
            if (isCjkCharacter(cp)) {
                end = i + width;
            } else {
                end = i;
                while (end < length) {
                    int next = text.codePointAt(end);
                    if (Character.isWhitespace(next) || Character.isSpaceChar(next) || isCjkCharacter(next)) {
                        break;
                    }
                    end += Character.charCount(next);
                }
            }
            String token = text.substring(i, end).toLowerCase(java.util.Locale.ROOT);
            Integer id = ids.get(token);
            if (id == null) {
                id = ids.size() & 0x1FFFFF;
                ids.put(token, id);
            }
            if (size == out.length) {
                out = java.util.Arrays.copyOf(out, size * 2);
            }
            out[size++] = id;
            i = end;
        }
        return java.util.Arrays.copyOf(out, size);
    }

    private static boolean isCjkCharacter(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static int countNonOverlapping(String text, String marker) {
        int count = 0;
        for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + marker.length())) {
            count++;
        }
        return count;
    }
}
