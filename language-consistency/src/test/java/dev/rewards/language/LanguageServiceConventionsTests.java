package dev.rewards.language;

import java.util.List;
import java.util.Map;

import dev.rewards.web.HostileInputContract;
import dev.rewards.web.WireJson;

class LanguageServiceConventionsTests extends HostileInputContract {

    @Override
    protected String postEndpoint() {
        return "/v1/language/score";
    }

    @Override
    protected String bodyMissingRequiredField() {
        return "{\"text\": \"hello world\"}";
    }

    @Override
    protected String requiredField() {
        return "target";
    }

    @Override
    protected Map<String, Object> validBody(String text) {
        return Map.of("text", text, "target", "en");
    }

    @Override
    protected String textField() {
        return "text";
    }

    @Override
    protected String batchEndpoint() {
        return "/v1/language/score/batch";
    }

    @Override
    protected String batchOf(int size) {
        return WireJson.MAPPER.writeValueAsString(Map.of("items",
                java.util.Collections.nCopies(size, Map.of("text", "hello world", "target", "en"))));
    }

    @Override
    protected Map.Entry<String, String> bodyWithUnknownEnumValue() {
        return Map.entry("{\"text\": \"hello\", \"target\": \"en\", \"scope\": \"everything\"}", "scope");
    }
}
