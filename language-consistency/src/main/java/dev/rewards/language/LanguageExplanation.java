package dev.rewards.language;

import java.util.List;

/**
 * Why a text got its language score: every counted word with the language it was attributed to, and every span
 * removed before counting. Offsets are UTF-16 indices into the text as sent (the same indices a browser uses).
 *
 * @param scoredStart start of the part that was scored (the think block under {@code scope: think})
 * @param scoredEnd   end of that part
 */
public record LanguageExplanation(int scoredStart, int scoredEnd, List<WordSpan> words, List<ExcludedSpan> excluded) {

    public LanguageExplanation {
        words = List.copyOf(words);
        excluded = List.copyOf(excluded);
    }

    /** A counted word and the language it counted for. */
    public record WordSpan(int start, int end, String language) {
    }

    /** A span removed before counting: {@code code}, {@code math}, {@code url}, {@code tag} or {@code latex}. */
    public record ExcludedSpan(int start, int end, String kind) {
    }
}
