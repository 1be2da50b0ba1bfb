package dev.rewards.format.api;

import dev.rewards.web.PropertiesValidationContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Out-of-bounds settings are startup errors that name the property; the documented defaults start. */
class FormatPropertiesValidationTests {

    @EnableConfigurationProperties(FormatProperties.class)
    static class Config {
    }

    @Test
    void defaultsStart() {
        PropertiesValidationContract.assertDefaultsStart(Config.class);
    }

    @Test
    void outOfBoundsValuesAreStartupErrorsNamingTheProperty() {
        PropertiesValidationContract.assertRejected(Config.class, "rewards.format.worker-threads", "-2");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.format.queue-capacity", "-1");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.format.max-batch-items", "0");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.format.deadline", "0ms");
    }
}
