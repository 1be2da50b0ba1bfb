package dev.rewards.language;

import dev.rewards.web.ServiceConventionsContract;

class LanguageServiceConventionsTests extends ServiceConventionsContract {

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
