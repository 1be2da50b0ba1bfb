package dev.rewards.language;

import dev.rewards.web.JsonApiConventionsContract;

class LanguageServiceConventionsTests extends JsonApiConventionsContract {

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
}
