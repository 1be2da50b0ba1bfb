package dev.rewards.web;

import java.util.Map;

/** Typed reads from free-form JSON objects (options, params), with errors that name the field. */
public final class WireValues {

    private WireValues() {
    }

    public static Double number(Map<String, Object> values, String prefix, String name, Double fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException(prefix + name + " must be a number");
    }

    public static Integer integer(Map<String, Object> values, String prefix, String name, Integer fallback) {
        Double value = number(values, prefix, name, fallback == null ? null : fallback.doubleValue());
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(prefix + name + " must be an integer");
        }
        return value.intValue();
    }

    public static boolean bool(Map<String, Object> values, String prefix, String name, boolean fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(prefix + name + " must be true or false");
    }
}
