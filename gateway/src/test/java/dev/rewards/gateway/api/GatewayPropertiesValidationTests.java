package dev.rewards.gateway.api;

import dev.rewards.web.PropertiesValidationContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Out-of-bounds settings are startup errors that name the property; the documented defaults start. */
class GatewayPropertiesValidationTests {

    @EnableConfigurationProperties(GatewayProperties.class)
    static class Config {
    }

    @Test
    void defaultsStart() {
        PropertiesValidationContract.assertDefaultsStart(Config.class);
    }

    @Test
    void outOfBoundsValuesAreStartupErrorsNamingTheProperty() {
        PropertiesValidationContract.assertRejected(Config.class, "rewards.gateway.chunk-size", "-1");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.gateway.code-chunk-size", "0");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.gateway.max-concurrent-calls", "-4");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.gateway.retry-attempts", "0");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.gateway.max-samples", "0");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.gateway.max-concurrent-requests", "-1");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.gateway.failure-rate-threshold", "150");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.gateway.deadline", "0s");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.gateway.retry-backoff", "-1ms");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.gateway.open-state-wait", "0s");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.gateway.math-url", "");
    }
}
