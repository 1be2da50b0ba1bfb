package dev.rewards.math.api;

import java.util.Map;

import dev.rewards.math.AnswerLocation;
import dev.rewards.math.MathOptions;
import dev.rewards.math.MathVerdict;
import dev.rewards.math.MathVerifier;
import dev.rewards.web.WireJson;

/**
 * One item of {@code POST /v1/math/verify/batch}, answered in-process exactly as the endpoint answers it: the wire
 * item as a map in, the wire result as a map out. The controller and standalone grading share it.
 */
public final class MathItems {

    private final MathVerifier verifier;

    public MathItems(MathVerifier verifier) {
        this.verifier = verifier;
    }

    public Map<String, Object> verify(Map<String, Object> item) {
        return WireJson.write(answer(verifier, WireJson.read(item, VerifyRequest.class), Map.of()));
    }

    static VerifyResponse answer(MathVerifier verifier, VerifyRequest request, Map<String, Object> defaults) {
        MathOptions options = OptionsMapping.merge(defaults, request.options());
        MathVerdict verdict = verifier.verify(request.response(), request.gold(), options);
        return VerifyResponse.of(request.id(), verdict, Boolean.TRUE.equals(request.explain())
                ? AnswerLocation.of(request.response(), options, verdict) : null);
    }
}
