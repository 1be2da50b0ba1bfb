package dev.rewards.language;

import java.util.List;

/** One preloaded detector for all tests of this module: loading Lingua's models takes seconds. */
final class SharedScorer {

    static final List<String> DEFAULT_LANGUAGES =
            List.of("en", "zh", "ja", "ko", "ru", "de", "fr", "es", "pt", "it", "ar", "vi");

    static final LanguageScorer SCORER = new LanguageScorer(DEFAULT_LANGUAGES, new LinguaClassifier(DEFAULT_LANGUAGES));

    private SharedScorer() {
    }
}
