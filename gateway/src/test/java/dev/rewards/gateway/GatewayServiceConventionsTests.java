package dev.rewards.gateway;

import java.util.List;
import java.util.Map;

import dev.rewards.web.HostileInputContract;
import dev.rewards.web.WireJson;

class GatewayServiceConventionsTests extends HostileInputContract {

    @Override
    protected String postEndpoint() {
        return "/v1/rewards";
    }

    @Override
    protected String bodyMissingRequiredField() {
        return "{\"profile\": \"r1\", \"samples\": [{\"gold\": \"1\"}]}";
    }

    @Override
    protected String requiredField() {
        return "response";
    }

    /** format_only with on_error null: answered even though no format-checker runs beside this test. */
    @Override
    protected Map<String, Object> validBody(String text) {
        return Map.of("profile", "format_only", "on_error", "null", "samples", List.of(Map.of("response", text)));
    }

    @Override
    protected String textField() {
        return "samples";
    }

    @Override
    protected String batchEndpoint() {
        return "/v1/rewards";
    }

    @Override
    protected String batchOf(int size) {
        return WireJson.MAPPER.writeValueAsString(Map.of("profile", "format_only", "samples",
                java.util.Collections.nCopies(size, Map.of("response", "x"))));
    }

    @Override
    protected Map.Entry<String, String> bodyWithUnknownEnumValue() {
        return Map.entry("{\"profile\": \"r1\", \"on_error\": \"shrug\", \"samples\": [{\"response\": \"x\", "
                + "\"gold\": \"1\"}]}", "on_error");
    }
}
