package dev.rewards.math.api;

import dev.rewards.web.PropertiesValidationContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Out-of-bounds settings are startup errors that name the property; the documented defaults start. */
class MathPropertiesValidationTests {

    @EnableConfigurationProperties(MathProperties.class)
    static class Config {
    }

    @Test
    void defaultsStart() {
        PropertiesValidationContract.assertDefaultsStart(Config.class);
    }

    @Test
    void outOfBoundsValuesAreStartupErrorsNamingTheProperty() {
        PropertiesValidationContract.assertRejected(Config.class, "rewards.math.worker-threads", "-1");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.math.queue-capacity", "0");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.math.max-batch-items", "0");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.math.gold-cache-size", "-5");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.math.deadline", "0s");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.math.deadline", "-1s");
    }
}
