package dev.rewards.math.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rewards.math.AnswerLocation;
import dev.rewards.math.MathVerdict;

/** {@code explain} is present only when the request asked for it. */
public record VerifyResponse(String id, String status, Boolean correct, Double score, String extracted,
                             String answerForm, String goldForm, String method, long elapsedMs,
                             @JsonInclude(JsonInclude.Include.NON_NULL) AnswerLocation explain) {

    static VerifyResponse of(String id, MathVerdict v, AnswerLocation explain) {
        return new VerifyResponse(id, v.status().wireName(), v.correct(), v.score(), v.extracted(), v.answerForm(),
                v.goldForm(), v.method().wireName(), v.elapsedMs(), explain);
    }
}
