package dev.rewards.math;

import java.util.List;
import java.util.Map;

import dev.rewards.web.HostileInputContract;
import dev.rewards.web.WireJson;

class MathServiceConventionsTests extends HostileInputContract {

    @Override
    protected String postEndpoint() {
        return "/v1/math/verify";
    }

    @Override
    protected String bodyMissingRequiredField() {
        return "{\"response\": \"\\\\boxed{1}\"}";
    }

    @Override
    protected String requiredField() {
        return "gold";
    }

    @Override
    protected Map<String, Object> validBody(String text) {
        return Map.of("response", text, "gold", "1");
    }

    @Override
    protected String textField() {
        return "response";
    }

    @Override
    protected String batchEndpoint() {
        return "/v1/math/verify/batch";
    }

    @Override
    protected String batchOf(int size) {
        return WireJson.MAPPER.writeValueAsString(Map.of("items",
                java.util.Collections.nCopies(size, Map.of("response", "\\boxed{1}", "gold", "1"))));
    }

    @Override
    protected Map.Entry<String, String> bodyWithUnknownEnumValue() {
        return Map.entry("{\"response\": \"1\", \"gold\": \"1\", \"options\": {\"extraction\": [\"telepathy\"]}}",
                "extraction");
    }
}
