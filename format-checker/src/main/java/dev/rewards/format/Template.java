package dev.rewards.format;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The layouts a completion can be checked against; each rule is stated in the README. */
public enum Template {
    /** R1-FORMAT-v1: exactly {@code <think>T</think> S <answer>A</answer>}, each tag once. */
    R1("r1"),
    /** {@code <think>T</think>} followed by a free-form final answer (the R1 chat format). */
    THINK_ANSWER_OPTIONAL("think_answer_optional"),
    /** Exactly one think block at the start, anything after it. */
    THINK_ONLY("think_only"),
    /** open-r1's {@code format_reward} regex, quirks included. */
    OPENR1("openr1");

    private final String wireName;

    Template(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Template fromWireName(String name) {
        for (Template template : values()) {
            if (template.wireName.equals(name)) {
                return template;
            }
        }
        throw new IllegalArgumentException("template: unknown value '" + name + "', expected one of "
                + Arrays.stream(values()).map(Template::wireName).collect(Collectors.joining(", ")));
    }
}
