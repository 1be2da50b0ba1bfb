package dev.rewards.code.internal;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * JSON equality for call-based results: numbers equal within an absolute-or-relative tolerance (integers exactly),
 * arrays element by element, objects key by key; NaN equals NaN and infinities compare by sign.
 */
public final class JsonEquality {

    private JsonEquality() {
    }

    public static boolean equal(JsonNode actual, JsonNode expected, double tolerance) {
        if (actual.isNumber() && expected.isNumber()) {
            return numbersEqual(actual, expected, tolerance);
        }
        if (actual.isArray() && expected.isArray()) {
            if (actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < actual.size(); i++) {
                if (!equal(actual.get(i), expected.get(i), tolerance)) {
                    return false;
                }
            }
            return true;
        }
        if (actual.isObject() && expected.isObject()) {
            if (actual.size() != expected.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = expected.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = actual.get(field.getKey());
                if (other == null || !equal(other, field.getValue(), tolerance)) {
                    return false;
                }
            }
            return true;
        }
        return actual.equals(expected);
    }

    private static boolean numbersEqual(JsonNode actual, JsonNode expected, double tolerance) {
        if (actual.isIntegralNumber() && expected.isIntegralNumber()) {
            return actual.bigIntegerValue().equals(expected.bigIntegerValue());
        }
        double a = actual.doubleValue();
        double e = expected.doubleValue();
        if (Double.isNaN(a) || Double.isNaN(e)) {
            return Double.isNaN(a) && Double.isNaN(e);
        }
        if (Double.isInfinite(a) || Double.isInfinite(e)) {
            return a == e;
        }
        if (actual.isBigDecimal() || expected.isBigDecimal()) {
            BigDecimal difference = actual.decimalValue().subtract(expected.decimalValue()).abs();
            if (difference.compareTo(BigDecimal.valueOf(tolerance)) <= 0) {
                return true;
            }
        }
        double difference = Math.abs(a - e);
        return difference <= tolerance || difference <= tolerance * Math.max(Math.abs(a), Math.abs(e));
    }
}
