package dev.rewards.code.api;

import java.util.Map;

/** {@code POST /v1/code/verify}; {@code tests} is parsed by {@link WireSubmissions}. */
public record VerifyRequest(String id, String language, String response, String code, Object tests,
                            Map<String, Object> limits, Map<String, Object> compare, String scoring,
                            Boolean stopOnFirstFailure) {
}
