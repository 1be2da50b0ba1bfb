package dev.rewards.language;

import java.util.Map;

/**
 * The language-consistency verdict on one text.
 *
 * @param score           target words / all words, or null when there is no countable word ({@code no_words})
 * @param wordsByLanguage words per ISO 639-1 code, plus {@code unknown}
 * @param excluded        spans removed before counting: code_blocks, math_spans, urls, tags
 * @param explanation     the words and removed spans, only when asked for (null otherwise)
 */
public record LanguageScore(String status, Double score, int targetWords, int totalWords,
                            Map<String, Integer> wordsByLanguage, Map<String, Integer> excluded,
                            LanguageExplanation explanation) {

    public static final String OK = "ok";
    public static final String NO_WORDS = "no_words";
}
