package dev.rewards.web;

import java.time.Duration;

/**
 * Bounds that bean validation cannot state on {@code @ConfigurationProperties} records (durations): checked in
 * their compact constructors, so a bad value is a startup error that names the property.
 */
public final class ConfigBounds {

    private ConfigBounds() {
    }

    public static Duration positive(String property, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(property + ": must be a positive duration, got " + value);
        }
        return value;
    }
}
