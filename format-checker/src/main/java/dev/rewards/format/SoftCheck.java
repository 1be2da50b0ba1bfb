package dev.rewards.format;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Shaping rewards computed next to the strict verdict, with open-r1/TRL/DAPO semantics. */
public enum SoftCheck {
    TAG_COUNT("tag_count"),
    REASONING_STEPS("reasoning_steps"),
    REPETITION("repetition"),
    OVERLONG("overlong");

    private final String wireName;

    SoftCheck(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static SoftCheck fromWireName(String name) {
        for (SoftCheck check : values()) {
            if (check.wireName.equals(name)) {
                return check;
            }
        }
        throw new IllegalArgumentException("checks: unknown value '" + name + "', expected any of "
                + Arrays.stream(values()).map(SoftCheck::wireName).collect(Collectors.joining(", ")));
    }
}
