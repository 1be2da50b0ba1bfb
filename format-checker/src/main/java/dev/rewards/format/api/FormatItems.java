package dev.rewards.format.api;

import java.util.Map;

import dev.rewards.format.FormatChecker;
import dev.rewards.web.WireJson;

/**
 * One item of {@code POST /v1/format/check/batch}, answered in-process exactly as the endpoint answers it: the wire
 * item as a map in, the wire result as a map out. The controller and standalone grading share it.
 */
public final class FormatItems {

    private final FormatChecker checker;

    public FormatItems(FormatChecker checker) {
        this.checker = checker;
    }

    public Map<String, Object> check(Map<String, Object> item) {
        return WireJson.write(answer(checker, WireJson.read(item, CheckRequest.class), CheckDefaults.NONE));
    }

    static CheckResponse answer(FormatChecker checker, CheckRequest request, CheckDefaults defaults) {
        return CheckResponse.of(request.id(), checker.check(WireMapping.toCheck(request, defaults)));
    }
}
