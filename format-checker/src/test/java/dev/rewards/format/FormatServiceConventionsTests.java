package dev.rewards.format;

import java.util.List;
import java.util.Map;

import dev.rewards.web.HostileInputContract;
import dev.rewards.web.WireJson;

class FormatServiceConventionsTests extends HostileInputContract {

    @Override
    protected String postEndpoint() {
        return "/v1/format/check";
    }

    @Override
    protected String bodyMissingRequiredField() {
        return "{\"template\": \"r1\"}";
    }

    @Override
    protected String requiredField() {
        return "response";
    }

    @Override
    protected Map<String, Object> validBody(String text) {
        return Map.of("response", text, "template", "r1");
    }

    @Override
    protected String textField() {
        return "response";
    }

    @Override
    protected String batchEndpoint() {
        return "/v1/format/check/batch";
    }

    @Override
    protected String batchOf(int size) {
        return WireJson.MAPPER.writeValueAsString(Map.of("items",
                java.util.Collections.nCopies(size, Map.of("response", "<think>a</think><answer>b</answer>"))));
    }

    @Override
    protected Map.Entry<String, String> bodyWithUnknownEnumValue() {
        return Map.entry("{\"response\": \"x\", \"template\": \"sonnet\"}", "template");
    }
}
