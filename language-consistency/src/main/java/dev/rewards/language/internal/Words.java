package dev.rewards.language.internal;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 2 of LANG-RATIO-v1: the words of a text, on code points. Every Han ideograph, hiragana, katakana (with the
 * prolonged sound mark) and 々 is a word; a maximal run of Hangul is a word; a maximal run of letters of one other
 * script, with combining marks and internal {@code '}, {@code ’}, {@code -}, is a word. Digits, punctuation, symbols
 * and emoji are not words. Sentences end at . ! ? ; followed by a space or the end, at CJK full stops and at newlines.
 */
public final class Words {

    /** One word: its span in the text, its script and the sentence it belongs to. */
    public record Word(int start, int end, UnicodeScript script, int sentence) {
    }

    private Words() {
    }

    public static List<Word> of(String text) {
        List<Word> words = new ArrayList<>();
        int length = text.length();
        int sentence = 0;
        int i = 0;
        while (i < length) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            UnicodeScript script = wordScript(cp);
            if (script == null) {
                if (endsSentence(text, i, cp, width)) {
                    sentence++;
                }
                i += width;
                continue;
            }
            if (script == UnicodeScript.HAN || script == UnicodeScript.HIRAGANA || script == UnicodeScript.KATAKANA) {
                int end = i + width;
                end = skipMarks(text, end);
                words.add(new Word(i, end, script, sentence));
                i = end;
                continue;
            }
            int end = i + width;
            while (end < length) {
                int next = text.codePointAt(end);
                if (isMark(next) || wordScript(next) == script) {
                    end += Character.charCount(next);
                } else if (isInternalJoiner(next) && end + 1 < length) {
                    int after = text.codePointAt(end + 1);
                    if (wordScript(after) == script && script != UnicodeScript.HANGUL) {
                        end += 1;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            if (!isFormulaLetter(text, i, end)) {
                words.add(new Word(i, end, script, sentence));
            }
            i = end;
        }
        return words;
    }

    /**
     * A lone ASCII letter next to a formula character ("x = 5", "f(x)", "2a", "y^2") or written against CJK text
     * ("找到x的值") is a variable of an undelimited formula, not a word: counted, "x = 5, y = 3" would be a Spanish
     * sentence (y) in an English chain of thought. "a", "I", "y", "e", "o" between words stay words.
     */
    private static boolean isFormulaLetter(String text, int start, int end) {
        if (end - start != 1 || text.charAt(start) >= 0x80) {
            return false;
        }
        int before = start - 1;
        if (before >= 0 && isCjk(text.codePointBefore(start))) {
            return true;
        }
        if (end < text.length() && isCjk(text.codePointAt(end))) {
            return true;
        }
        while (before >= 0 && text.charAt(before) == ' ') {
            before--;
        }
        int after = end;
        while (after < text.length() && text.charAt(after) == ' ') {
            after++;
        }
        return (before >= 0 && isFormulaChar(text.charAt(before)))
                || (after < text.length() && isFormulaChar(text.charAt(after)));
    }

    private static boolean isFormulaChar(char c) {
        return (c >= '0' && c <= '9') || "=+-*/^<>()_|≤≥≠×÷·−".indexOf(c) >= 0;
    }

    private static boolean isCjk(int cp) {
        UnicodeScript script = wordScript(cp);
        return script == UnicodeScript.HAN || script == UnicodeScript.HIRAGANA || script == UnicodeScript.KATAKANA
                || script == UnicodeScript.HANGUL;
    }

    /** The script a code point starts or continues a word in, or null when it is not part of any word. */
    static UnicodeScript wordScript(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ? UnicodeScript.LATIN : null;
        }
        if (cp == 0x30FC || cp == 0xFF70) {
            return UnicodeScript.KATAKANA;
        }
        if (!Character.isLetter(cp)) {
            return null;
        }
        UnicodeScript script = UnicodeScript.of(cp);
        return script == UnicodeScript.COMMON || script == UnicodeScript.INHERITED ? null : script;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || (cp >= 0x80 && UnicodeScript.of(cp) == UnicodeScript.INHERITED && !Character.isWhitespace(cp));
    }

    private static int skipMarks(String text, int i) {
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!isMark(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private static boolean isInternalJoiner(int cp) {
        return cp == '\'' || cp == '’' || cp == '-';
    }

    private static boolean endsSentence(String text, int i, int cp, int width) {
        switch (cp) {
            case '\n', '。', '！', '？', '；', '｡' -> {
                return true;
            }
            case '.', '!', '?', ';', '…' -> {
                int next = i + width;
                return next >= text.length() || Character.isWhitespace(text.charAt(next));
            }
            default -> {
                return false;
            }
        }
    }
}
