package dev.rewards.language.api;

import java.util.Map;

import dev.rewards.language.LanguageScorer;
import dev.rewards.language.Scope;
import dev.rewards.web.WireJson;

/**
 * One item of {@code POST /v1/language/score/batch}, answered in-process exactly as the endpoint answers it: the
 * wire item as a map in, the wire result as a map out. The controller and standalone grading share it.
 */
public final class LanguageItems {

    private final LanguageScorer scorer;

    public LanguageItems(LanguageScorer scorer) {
        this.scorer = scorer;
    }

    public Map<String, Object> score(Map<String, Object> item) {
        return WireJson.write(answer(scorer, WireJson.read(item, ScoreRequest.class)));
    }

    static ScoreResponse answer(LanguageScorer scorer, ScoreRequest request) {
        Scope scope = request.scope() == null ? Scope.THINK : Scope.fromWireName(request.scope());
        return ScoreResponse.of(request.id(), scorer.score(request.text(), request.target(), scope,
                Boolean.TRUE.equals(request.explain())));
    }
}
