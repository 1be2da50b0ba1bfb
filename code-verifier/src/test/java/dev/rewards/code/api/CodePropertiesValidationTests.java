package dev.rewards.code.api;

import dev.rewards.web.PropertiesValidationContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Out-of-bounds settings are startup errors that name the property; the documented defaults start. */
class CodePropertiesValidationTests {

    @EnableConfigurationProperties(CodeProperties.class)
    static class Config {
    }

    @Test
    void defaultsStart() {
        PropertiesValidationContract.assertDefaultsStart(Config.class);
    }

    @Test
    void outOfBoundsValuesAreStartupErrorsNamingTheProperty() {
        PropertiesValidationContract.assertRejected(Config.class, "rewards.code.pool-size", "-1");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.code.queue-capacity", "0");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.code.max-batch-items", "-2");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.code.cpus", "0");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.code.max-queue-wait", "-1s");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.code.deadline", "0s");
    }
}
