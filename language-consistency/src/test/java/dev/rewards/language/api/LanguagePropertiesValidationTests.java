package dev.rewards.language.api;

import dev.rewards.web.PropertiesValidationContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Out-of-bounds settings are startup errors that name the property; the documented defaults start. */
class LanguagePropertiesValidationTests {

    @EnableConfigurationProperties(LanguageProperties.class)
    static class Config {
    }

    @Test
    void defaultsStart() {
        PropertiesValidationContract.assertDefaultsStart(Config.class);
    }

    @Test
    void outOfBoundsValuesAreStartupErrorsNamingTheProperty() {
        PropertiesValidationContract.assertRejected(Config.class, "rewards.language.worker-threads", "-1");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.language.queue-capacity", "0");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.language.max-batch-items", "-3");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.language.deadline", "-5s");
        PropertiesValidationContract.assertRejected(Config.class, "rewards.language.languages", "xx");
    }
}
