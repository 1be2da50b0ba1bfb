package dev.rewards.language.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rewards.language.LanguageExplanation;
import dev.rewards.language.LanguageScore;

/** {@code explain} is present only when the request asked for it. */
public record ScoreResponse(String id, String status, Double score, int targetWords, int totalWords,
                            Map<String, Integer> wordsByLanguage, Map<String, Integer> excluded,
                            @JsonInclude(JsonInclude.Include.NON_NULL) LanguageExplanation explain) {

    static ScoreResponse of(String id, LanguageScore score) {
        return new ScoreResponse(id, score.status(), score.score(), score.targetWords(), score.totalWords(),
                score.wordsByLanguage(), score.excluded(), score.explanation());
    }
}
