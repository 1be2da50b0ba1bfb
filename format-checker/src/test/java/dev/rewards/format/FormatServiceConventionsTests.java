package dev.rewards.format;

import dev.rewards.web.JsonApiConventionsContract;

class FormatServiceConventionsTests extends JsonApiConventionsContract {

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
}
