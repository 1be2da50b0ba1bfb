package dev.rewards.format.internal;

import dev.rewards.format.SoftParams;

/** The shaping rewards, each a single pass over the text; formulas are documented in the README. */
public final class SoftScores {

    private SoftScores() {
    }

    /**
     * open-r1 {@code tag_count_reward}: +0.25 for each of {@code "<think>\n"}, {@code "\n</think>\n"},
     * {@code "\n<answer>\n"}, {@code "\n</answer>"} that occurs exactly once. Python's str.count does not overlap
     * matches, which only matters for markers that share characters with themselves; these four cannot overlap.
     */
    public static double tagCount(String text) {
        int thinkOpen = 0;
        int thinkClose = 0;
        int answerOpen = 0;
        int answerClose = 0;
        for (int i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
            boolean afterNewline = i > 0 && text.charAt(i - 1) == '\n';
            if (text.startsWith("<think>\n", i)) {
                thinkOpen++;
            } else if (afterNewline && text.startsWith("</think>\n", i)) {
                thinkClose++;
            } else if (afterNewline && text.startsWith("<answer>\n", i)) {
                answerOpen++;
            } else if (afterNewline && text.startsWith("</answer>", i)) {
                answerClose++;
            }
        }
        return (thinkOpen == 1 ? 0.25 : 0) + (thinkClose == 1 ? 0.25 : 0) + (answerOpen == 1 ? 0.25 : 0)
                + (answerClose == 1 ? 0.25 : 0);
    }

    /**
     * Step markers: "Step N:", "First,", "Second,", "Next,", "Finally," anywhere, and numbered ("1.") or bulleted
     * ("-", "*") lines at the start of any line (open-r1 only sees a numbered line at the very start). min(1, n/3).
     */
    public static double reasoningSteps(String text) {
        int count = 0;
        int length = text.length();
        for (int lineStart = 0; lineStart < length; ) {
            if (isListItem(text, lineStart, length)) {
                count++;
            }
            int newline = text.indexOf('\n', lineStart);
            lineStart = newline < 0 ? length : newline + 1;
        }
        for (int i = text.indexOf("Step "); i >= 0; i = text.indexOf("Step ", i + 5)) {
            int k = i + 5;
            while (k < length && isAsciiDigit(text.charAt(k))) {
                k++;
            }
            if (k > i + 5 && k < length && text.charAt(k) == ':') {
                count++;
            }
        }
        for (int comma = text.indexOf(','); comma >= 0; comma = text.indexOf(',', comma + 1)) {
            for (String word : TRANSITIONS) {
                if (text.startsWith(word, comma - word.length())) {
                    count++;
                    break;
                }
            }
        }
        return Math.min(1.0, count / 3.0);
    }

    private static final String[] TRANSITIONS = {"First", "Second", "Next", "Finally"};

    /** A line that starts, after blanks, with a bullet ("-", "*") or a number followed by a period ("12."). */
    private static boolean isListItem(String text, int start, int length) {
        int j = start;
        while (j < length && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
            j++;
        }
        if (j >= length) {
            return false;
        }
        char first = text.charAt(j);
        if (first == '-' || first == '*') {
            return true;
        }
        int k = j;
        while (k < length && isAsciiDigit(text.charAt(k))) {
            k++;
        }
        return k > j && k < length && text.charAt(k) == '.';
    }

    /**
     * open-r1 repetition penalty: {@code (1 − distinct n-grams / n-grams) · max_penalty} over lower-cased tokens, where
     * tokens are whitespace-separated words and every CJK ideograph or kana is a token of its own; 0 when there are
     * fewer than n tokens. Tokens and n-grams are compared by 64-bit hashes: a collision among the few thousand n-grams
     * of a response has a probability below 10^-12, far under any effect on the score.
     */
    public static double repetition(String text, int n, double maxPenalty) {
        Scratch scratch = Scratch.forText(text);
        int asciiCount = AsciiTokens.hash(text, scratch);
        long[] tokens = asciiCount >= 0 ? scratch.tokens() : tokenHashes(text);
        int count = asciiCount >= 0 ? asciiCount : tokens.length;
        if (count < n || count == 0) {
            return 0.0;
        }
        int total = count - n + 1;
        long[] keys = scratch.keys(total);
        // An n-gram's key is Σ token[k] × M[k] with a distinct odd multiplier per position: the products do not
        // depend on each other, so they pipeline instead of forming a chain of n dependent multiplications.
        long[] multipliers = NGRAM_MULTIPLIERS.length >= n ? NGRAM_MULTIPLIERS : multipliers(n);
        if (n == 3) {
            long m0 = multipliers[0];
            long m1 = multipliers[1];
            long m2 = multipliers[2];
            for (int i = 0; i < total; i++) {
                keys[i] = tokens[i] * m0 + tokens[i + 1] * m1 + tokens[i + 2] * m2;
            }
        } else {
            for (int i = 0; i < total; i++) {
                long key = 0;
                for (int k = 0; k < n; k++) {
                    key += tokens[i + k] * multipliers[k];
                }
                keys[i] = key;
            }
        }
        int distinct = Distinct.count(keys, total, scratch.table(Distinct.tableSize(total)));
        double scaling = 1.0 - (double) distinct / total;
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

    /**
     * One 64-bit hash per token, for any text ({@link AsciiTokens} is the fast path of plain ASCII). Within a token
     * the hash is a sum of char × POW[position], so the multiplications are independent of each other and pipeline,
     * instead of a multiply chain that waits on every character.
     */
    private static long[] tokenHashes(String text) {
        int length = text.length();
        long[] out = new long[Math.max(16, length / 3)];
        int size = 0;
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c < 0x80 && ASCII_SPACE[c]) {
                i++;
                continue;
            }
            int cp = Character.isHighSurrogate(c) ? text.codePointAt(i) : c;
            if (c >= 0x80 && isSpace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            long hash;
            int start = i;
            if (isCjkCharacter(cp)) {
                hash = cp * POW[0];
                i += Character.charCount(cp);
            } else {
                hash = 0;
                while (i < length) {
                    c = text.charAt(i);
                    if (c < 0x80) {
                        long lower = ASCII_TOKEN_CHAR[c];
                        if (lower < 0) {
                            break;
                        }
                        hash += lower * POW[(i - start) & 63];
                        i++;
                        continue;
                    }
                    cp = Character.isHighSurrogate(c) ? text.codePointAt(i) : c;
                    if (isSpace(cp) || isCjkCharacter(cp)) {
                        break;
                    }
                    hash += Character.toLowerCase(cp) * POW[(i - start) & 63];
                    i += Character.charCount(cp);
                }
            }
            if (size == out.length) {
                out = java.util.Arrays.copyOf(out, size * 2);
            }
            out[size++] = (hash ^ (i - start)) * 0x9E3779B97F4A7C15L;
        }
        return size == out.length ? out : java.util.Arrays.copyOf(out, size);
    }

    private static final long[] NGRAM_MULTIPLIERS = multipliers(16);

    private static long[] multipliers(int n) {
        long[] multipliers = new long[n];
        long state = 0x9E3779B97F4A7C15L;
        for (int k = 0; k < n; k++) {
            state = state * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
            multipliers[k] = (state ^ (state >>> 31)) | 1L;
        }
        return multipliers;
    }

    private static final long[] POW = new long[64];

    static {
        long power = 0x100000001b3L;
        for (int k = 0; k < POW.length; k++) {
            POW[k] = power;
            power *= 0x100000001b3L;
        }
    }

    private static final boolean[] ASCII_SPACE = new boolean[128];

    /** Per ASCII character: its lower case, or −1 for whitespace — one load decides both in the hot loop. */
    private static final long[] ASCII_TOKEN_CHAR = new long[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_SPACE[c] = c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
            ASCII_TOKEN_CHAR[c] = ASCII_SPACE[c] ? -1 : c >= 'A' && c <= 'Z' ? c + 32 : c;
        }
    }

    private static boolean isSpace(int cp) {
        if (cp < 0x80) {
            return ASCII_SPACE[cp];
        }
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    private static boolean isCjkCharacter(int cp) {
        if (cp < 0x2E80) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

}
