package dev.rewards.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import dev.rewards.format.internal.SoftScores;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The repetition penalty against a direct transcription of open-r1's formula (Python's
 * str.lower().split() and string n-grams), on random texts built to stress word boundaries and case.
 */
class RepetitionEquivalenceTests {

    private static final String[] PIECES = {"the", "The", "THE", "cat", "Cat", "a", "sat", "x", "[x]", "{x}", "@home",
            "`home", "longerwordthaneightchars", "LongerWordThanEightChars", "12", "3.5", "=", "ab", "Ab", "aB",
            // 8, 9, 16 and 17 bytes: the edges of the one- and two-load token hashes; 70: a token over a whole stretch
            "Eightchr", "ninechars", "SixteenCharsWord", "seventeenchars!!!", "y".repeat(70), "Y".repeat(70)};
    private static final String[] NON_ASCII_PIECES = {"café", "CAFÉ", "naïve", "Straße", "x²", "the"};
    private static final String[] GAPS = {" ", "  ", "\n", "\t", " \n ", "\r\n", "\u000B", "\f", "\u001C"};

    @RepeatedTest(50)
    void matchesPythonSplitSemantics(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        StringBuilder text = new StringBuilder();
        if (random.nextBoolean()) {
            text.append(GAPS[random.nextInt(GAPS.length)]);
        }
        int words = random.nextInt(400);
        for (int i = 0; i < words; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
            text.append(GAPS[random.nextInt(GAPS.length)]);
        }
        if (random.nextBoolean() && text.length() > 0) {
            text.setLength(text.length() - 1);
        }
        for (int n : new int[] {1, 2, 3, 5}) {
            assertThat(SoftScores.repetition(text.toString(), n, -1.0))
                    .as("n=%d text=%s", n, text).isEqualTo(reference(text.toString(), n));
        }
    }

    /** Texts with a non-ASCII character take the per-character path; the scores must not depend on the path. */
    @RepeatedTest(20)
    void nonAsciiTextsMatchToo(RepetitionInfo repetition) {
        Random random = new Random(1000 + repetition.getCurrentRepetition());
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(300); i > 0; i--) {
            String[] pieces = random.nextInt(4) == 0 ? NON_ASCII_PIECES : PIECES;
            text.append(pieces[random.nextInt(pieces.length)]).append(GAPS[random.nextInt(GAPS.length)]);
        }
        for (int n : new int[] {1, 3}) {
            assertThat(SoftScores.repetition(text.toString(), n, -1.0))
                    .as("n=%d text=%s", n, text).isEqualTo(reference(text.toString(), n));
        }
    }

    @Test
    void controlCharactersThatPythonDoesNotSplitOnStayInsideTokens() {
        String text = "a\u0001b a\u0001b a\u0001b c";
        assertThat(SoftScores.repetition(text, 1, -1.0)).isEqualTo(reference(text, 1));
    }

    private static double reference(String text, int n) {
        String[] split = text.toLowerCase(Locale.ROOT).trim().isEmpty() ? new String[0]
                : text.toLowerCase(Locale.ROOT).split("[ \\t\\n\\u000B\\f\\r\\u001C-\\u001F]+");
        List<String> tokens = java.util.Arrays.stream(split).filter(s -> !s.isEmpty()).toList();
        if (tokens.size() < n || tokens.isEmpty()) {
            return 0.0;
        }
        Set<List<String>> distinct = new HashSet<>();
        int total = tokens.size() - n + 1;
        for (int i = 0; i < total; i++) {
            distinct.add(tokens.subList(i, i + n));
        }
        return (1.0 - (double) distinct.size() / total) * -1.0 + 0.0;
    }
}
