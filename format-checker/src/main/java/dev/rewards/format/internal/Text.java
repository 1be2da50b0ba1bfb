package dev.rewards.format.internal;

/** Character classes the rules are stated in. */
public final class Text {

    private Text() {
    }

    /** ASCII whitespace as R1-FORMAT-v1 strips it: space, tab, LF, VT, FF, CR; never NBSP or BOM. */
    public static boolean isAsciiWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    public static int stripStart(String s) {
        int start = 0;
        while (start < s.length() && isAsciiWhitespace(s.charAt(start))) {
            start++;
        }
        return start;
    }

    public static int stripEnd(String s, int start) {
        int end = s.length();
        while (end > start && isAsciiWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    public static boolean isAsciiWhitespace(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isAsciiWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when the range holds a visible character: anything but Unicode white space (NBSP counts as space here). */
    public static boolean hasVisible(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\uFEFF') {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code s.substring(from, to).strip()} with one copy instead of two. String.strip() tests Character.isWhitespace
     * per code point; no supplementary code point is whitespace, so testing chars is the same.
     */
    public static String stripped(String s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }
}
