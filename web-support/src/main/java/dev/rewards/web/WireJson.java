package dev.rewards.web;

import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' JSON conventions (snake_case) outside Spring, so that in-process callers such as {@code ./rewards
 * grade} hand a service's item code the same maps its HTTP endpoint would decode, and read back the same fields.
 */
public final class WireJson {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private WireJson() {
    }

    /** A wire object (as decoded from JSON) as a request record; a violated constraint is an IllegalArgumentException. */
    public static <T> T read(Map<String, Object> wire, Class<T> type) {
        try {
            return MAPPER.convertValue(wire, type);
        } catch (tools.jackson.core.JacksonException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause != cause.getCause()) {
                cause = cause.getCause();
            }
            throw new IllegalArgumentException(cause.getMessage() == null ? e.getMessage() : cause.getMessage(), e);
        }
    }

    /** A response record as the map its JSON would decode to. */
    public static Map<String, Object> write(Object value) {
        return MAPPER.convertValue(value, MAP);
    }
}
