package dev.rewards.gateway;

import dev.rewards.web.JsonApiConventionsContract;

class GatewayServiceConventionsTests extends JsonApiConventionsContract {

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
}
