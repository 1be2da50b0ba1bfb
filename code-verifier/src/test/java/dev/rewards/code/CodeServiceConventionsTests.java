package dev.rewards.code;

import dev.rewards.web.JsonApiConventionsContract;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "rewards.code.warm-at-startup=false")
class CodeServiceConventionsTests extends JsonApiConventionsContract {

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
}
