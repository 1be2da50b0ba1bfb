package dev.rewards.language.api;

import java.util.Map;

import dev.rewards.language.LanguageScore;

public record ScoreResponse(String id, String status, Double score, int targetWords, int totalWords,
                            Map<String, Integer> wordsByLanguage, Map<String, Integer> excluded) {

    static ScoreResponse of(String id, LanguageScore score) {
        return new ScoreResponse(id, score.status(), score.score(), score.targetWords(), score.totalWords(),
                score.wordsByLanguage(), score.excluded());
    }
}
