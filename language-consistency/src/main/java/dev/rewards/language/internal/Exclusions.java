package dev.rewards.language.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Step 1 of LANG-RATIO-v1: removes what is not prose before words are counted — fenced and inline code, display and
 * inline math, LaTeX environments and commands, URLs, XML/HTML-like tags. A hand-written scanner, not regexes: every
 * search for a closing delimiter that fails is remembered, so hostile input (thousands of unclosed {@code $}) stays
 * linear. Removed spans become a space (inline) or a newline (blocks), so words on both sides never merge and blocks
 * end sentences.
 */
public final class Exclusions {

    /**
     * The prose left over and how many spans of each kind were removed; {@code removed} lists them (in order) only
     * when asked for, so that scoring without an explanation allocates nothing for it.
     */
    public record Result(String text, int codeBlocks, int mathSpans, int urls, int tags, List<Removed> removed) {
    }

    /**
     * A removed span: {@code [start, end)} in the input, its kind ({@code code}, {@code math}, {@code url},
     * {@code tag}, {@code latex} for a command whose arguments stay), and {@code at}, the position of the one
     * separator character that replaced it in the prose.
     */
    public record Removed(int start, int end, String kind, int at) {
    }

    private Exclusions() {
    }

    public static Result strip(String text) {
        return new Scanner(text, false).run();
    }

    /** {@link #strip(String)}, also listing the removed spans. */
    public static Result stripExplained(String text) {
        return new Scanner(text, true).run();
    }

    private static final class Scanner {
        private final String text;
        private final int length;
        private final StringBuilder out;
        private int codeBlocks;
        private int mathSpans;
        private int urls;
        private int tags;
        // Smallest position from which a search for each closing delimiter is known to fail.
        private int noDollar = Integer.MAX_VALUE;
        private int noDoubleDollar = Integer.MAX_VALUE;
        private int noParenClose = Integer.MAX_VALUE;
        private int noBracketClose = Integer.MAX_VALUE;
        private int noBacktick = Integer.MAX_VALUE;
        private final java.util.Set<String> unclosedEnvironments = new java.util.HashSet<>();
        private final List<Removed> removed;

        Scanner(String text, boolean explain) {
            this.text = text;
            this.length = text.length();
            this.out = new StringBuilder(length);
            this.removed = explain ? new ArrayList<>() : null;
        }

        /** Replaces {@code [start, end)} by one separator and returns where scanning resumes. */
        private int remove(int start, int end, String kind, char separator) {
            if (removed != null) {
                removed.add(new Removed(start, end, kind, out.length()));
            }
            out.append(separator);
            return end;
        }

        Result run() {
            int i = 0;
            boolean lineStart = true;
            while (i < length) {
                char c = text.charAt(i);
                int next = -1;
                if (lineStart && (c == '`' || c == '~' || c == ' ')) {
                    next = fencedCode(i);
                }
                if (next < 0) {
                    next = switch (c) {
                        case '`' -> inlineCode(i);
                        case '$' -> dollarMath(i);
                        case '\\' -> backslash(i);
                        case '<' -> tag(i);
                        case 'h', 'w', 'H', 'W' -> url(i);
                        default -> -1;
                    };
                }
                if (next >= 0) {
                    i = next;
                    lineStart = out.length() > 0 && out.charAt(out.length() - 1) == '\n';
                    continue;
                }
                out.append(c);
                lineStart = c == '\n';
                i++;
            }
            return new Result(out.toString(), codeBlocks, mathSpans, urls, tags, removed);
        }

        /** A line starting (after up to three spaces) with ``` or ~~~ opens a block closed by the same fence, or the end. */
        private int fencedCode(int i) {
            int j = i;
            while (j < length && j - i < 3 && text.charAt(j) == ' ') {
                j++;
            }
            if (j + 2 >= length) {
                return -1;
            }
            char fence = text.charAt(j);
            if ((fence != '`' && fence != '~') || text.charAt(j + 1) != fence || text.charAt(j + 2) != fence) {
                return -1;
            }
            String marker = String.valueOf(fence).repeat(3);
            int lineEnd = text.indexOf('\n', j);
            int close = lineEnd < 0 ? -1 : text.indexOf("\n" + marker, lineEnd);
            int end;
            if (close < 0) {
                end = length;
            } else {
                int closeLineEnd = text.indexOf('\n', close + 1);
                end = closeLineEnd < 0 ? length : closeLineEnd;
            }
            codeBlocks++;
            return remove(i, end, "code", '\n');
        }

        private int inlineCode(int i) {
            if (i + 1 >= noBacktick) {
                return -1;
            }
            int close = text.indexOf('`', i + 1);
            if (close < 0) {
                noBacktick = i + 1;
                return -1;
            }
            codeBlocks++;
            return remove(i, close + 1, "code", ' ');
        }

        private int dollarMath(int i) {
            if (i + 1 < length && text.charAt(i + 1) == '$') {
                if (i + 2 >= noDoubleDollar) {
                    return -1;
                }
                int close = text.indexOf("$$", i + 2);
                if (close < 0) {
                    noDoubleDollar = i + 2;
                    return -1;
                }
                mathSpans++;
                return remove(i, close + 2, "math", '\n');
            }
            if (i + 1 >= noDollar) {
                return -1;
            }
            int close = text.indexOf('$', i + 1);
            if (close < 0) {
                noDollar = i + 1;
                return -1;
            }
            mathSpans++;
            return remove(i, close + 1, "math", ' ');
        }

        private int backslash(int i) {
            if (i + 1 >= length) {
                return -1;
            }
            char c = text.charAt(i + 1);
            if (c == '(') {
                return delimited(i, "\\)", true);
            }
            if (c == '[') {
                return delimited(i, "\\]", false);
            }
            if (text.startsWith("\\begin{", i)) {
                int nameEnd = text.indexOf('}', i + 7);
                if (nameEnd > 0 && nameEnd - i < 64) {
                    String end = "\\end{" + text.substring(i + 7, nameEnd) + "}";
                    int close = unclosedEnvironments.contains(end) ? -1 : text.indexOf(end, nameEnd);
                    if (close >= 0) {
                        mathSpans++;
                        return remove(i, close + end.length(), "math", '\n');
                    }
                    unclosedEnvironments.add(end);
                }
            }
            if (Character.isLetter(c)) {
                int j = i + 1;
                while (j < length && Character.isLetter(text.charAt(j))) {
                    j++;
                }
                return remove(i, j, "latex", ' ');
            }
            return -1;
        }

        private int delimited(int i, String closing, boolean inline) {
            boolean paren = inline;
            if (i + 2 >= (paren ? noParenClose : noBracketClose)) {
                return -1;
            }
            int close = text.indexOf(closing, i + 2);
            if (close < 0) {
                if (paren) {
                    noParenClose = i + 2;
                } else {
                    noBracketClose = i + 2;
                }
                return -1;
            }
            mathSpans++;
            return remove(i, close + closing.length(), "math", inline ? ' ' : '\n');
        }

        /** {@code <name …>} or {@code </name>} with an ASCII letter after the bracket, closed within 256 characters. */
        private int tag(int i) {
            int j = i + 1;
            if (j < length && text.charAt(j) == '/') {
                j++;
            }
            if (j >= length || !isAsciiLetter(text.charAt(j))) {
                return -1;
            }
            int limit = Math.min(length, i + 256);
            for (int k = j; k < limit; k++) {
                char c = text.charAt(k);
                if (c == '>') {
                    tags++;
                    return remove(i, k + 1, "tag", ' ');
                }
                if (c == '<' || c == '\n') {
                    return -1;
                }
            }
            return -1;
        }

        private int url(int i) {
            boolean wordStart = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            if (!wordStart) {
                return -1;
            }
            if (!(text.regionMatches(true, i, "http://", 0, 7) || text.regionMatches(true, i, "https://", 0, 8)
                    || text.regionMatches(true, i, "www.", 0, 4))) {
                return -1;
            }
            int j = i;
            while (j < length && !Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '<'
                    && text.charAt(j) != '"' && text.charAt(j) != ')') {
                j++;
            }
            urls++;
            return remove(i, j, "url", ' ');
        }

        private static boolean isAsciiLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
    }
}
