package dev.rewards.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/**
 * A service's {@code @ConfigurationProperties} record, bound as at startup (validation included): out-of-bounds
 * values must stop the context with an error that names the property; the defaults must start.
 */
public final class PropertiesValidationContract {

    private PropertiesValidationContract() {
    }

    /** {@code configuration}: a class annotated {@code @EnableConfigurationProperties(TheProperties.class)}. */
    public static ApplicationContextRunner runner(Class<?> configuration) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(configuration);
    }

    public static void assertDefaultsStart(Class<?> configuration) {
        runner(configuration).run(context -> assertThat(context).hasNotFailed());
    }

    /** {@code property} in kebab case, e.g. {@code rewards.math.worker-threads}. */
    public static void assertRejected(Class<?> configuration, String property, String value) {
        runner(configuration).withPropertyValues(property + "=" + value).run(context -> {
            assertThat(context).as(property + "=" + value + " must not start").hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            String name = property.substring(property.lastIndexOf('.') + 1);
            String prefix = property.substring(0, property.lastIndexOf('.'));
            String text = messages.toString();
            assertThat(text).as("the startup error names " + property).contains(prefix);
            assertThat(text.contains(name) || text.contains(camel(name)))
                    .as("the startup error names " + property + ":\n" + text).isTrue();
        });
    }

    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        return out.toString().toLowerCase(Locale.ROOT).equals(kebab) ? kebab : out.toString();
    }
}
