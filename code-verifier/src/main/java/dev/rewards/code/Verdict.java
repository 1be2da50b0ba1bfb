package dev.rewards.code;

import java.util.Locale;

/** Outcome of a submission or of one test case; the wire name is the lower-case constant name. */
public enum Verdict {
    ACCEPTED, WRONG_ANSWER, TIME_LIMIT, MEMORY_LIMIT, OUTPUT_LIMIT, RUNTIME_ERROR, COMPILE_ERROR, NO_CODE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
