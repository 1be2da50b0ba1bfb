package dev.rewards.math.api;

import dev.rewards.math.MathVerdict;

public record VerifyResponse(String id, String status, Boolean correct, Double score, String extracted,
                             String answerForm, String goldForm, String method, long elapsedMs) {

    static VerifyResponse of(String id, MathVerdict v) {
        return new VerifyResponse(id, v.status().wireName(), v.correct(), v.score(), v.extracted(), v.answerForm(), v.goldForm(),
                v.method().wireName(), v.elapsedMs());
    }
}
