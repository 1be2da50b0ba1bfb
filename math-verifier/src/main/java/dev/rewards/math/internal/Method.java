package dev.rewards.math.internal;

import java.util.Locale;

/** How a verdict was reached (the {@code method} of a response): the answer's shape, or how a scalar was decided. */
public enum Method {
    /** Same canonical text. */
    STRING,
    /** Constants compared by value: exact rationals, or doubles at a stated precision. */
    NUMERIC,
    /** Expressions with variables, or a CAS proof. */
    SYMBOLIC,
    TEXT,
    RELATION,
    INTERVAL,
    TUPLE,
    SET,
    SYSTEM,
    MATRIX,
    CHOICE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
