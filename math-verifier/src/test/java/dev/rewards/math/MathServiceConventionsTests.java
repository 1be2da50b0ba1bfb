package dev.rewards.math;

import dev.rewards.web.JsonApiConventionsContract;

class MathServiceConventionsTests extends JsonApiConventionsContract {

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
}
