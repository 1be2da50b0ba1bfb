package dev.rewards.code;

import java.util.List;
import java.util.Map;

import dev.rewards.web.HostileInputContract;
import dev.rewards.web.WireJson;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "rewards.code.warm-at-startup=false")
class CodeServiceConventionsTests extends HostileInputContract {

    @Override
    protected String postEndpoint() {
        return "/v1/code/verify";
    }

    @Override
    protected String bodyMissingRequiredField() {
        return "{\"id\": \"x\", \"language\": \"python\", \"code\": \"print(1)\"}";
    }

    @Override
    protected String requiredField() {
        return "tests";
    }

    /** Free text in {@code response} without a code block: judged (no_code) without starting a container. */
    @Override
    protected Map<String, Object> validBody(String text) {
        return Map.of("language", "python", "response", text, "tests",
                Map.of("format", "stdio", "cases", List.of(Map.of("input", "", "output", "1"))));
    }

    @Override
    protected String textField() {
        return "response";
    }

    @Override
    protected String batchEndpoint() {
        return "/v1/code/verify/batch";
    }

    @Override
    protected String batchOf(int size) {
        return WireJson.MAPPER.writeValueAsString(Map.of("items", java.util.Collections.nCopies(size,
                validBody("no code here"))));
    }

    @Override
    protected Map.Entry<String, String> bodyWithUnknownEnumValue() {
        return Map.entry("{\"language\": \"cobol\", \"code\": \"x\", \"tests\": {\"format\": \"stdio\", "
                + "\"cases\": [{\"input\": \"\", \"output\": \"\"}]}}", "language");
    }
}
