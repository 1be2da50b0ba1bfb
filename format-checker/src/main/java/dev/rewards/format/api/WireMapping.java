package dev.rewards.format.api;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rewards.format.FormatCheck;
import dev.rewards.format.SoftCheck;
import dev.rewards.format.SoftParams;
import dev.rewards.format.Template;

/** Turns wire requests (with batch defaults) into core checks; every mistake names its field. */
final class WireMapping {

    private static final Set<String> PARAM_NAMES =
            Set.of("ngram_size", "max_penalty", "length", "max_length", "cache", "penalty_factor");

    private WireMapping() {
    }

    static FormatCheck toCheck(CheckRequest request, CheckDefaults defaults) {
        String template = request.template() != null ? request.template() : defaults.template();
        Boolean prefilled = request.thinkPrefilled() != null ? request.thinkPrefilled() : defaults.thinkPrefilled();
        List<String> checks = request.checks() != null ? request.checks() : defaults.checks();
        Map<String, Object> params = new HashMap<>();
        if (defaults.params() != null) {
            params.putAll(defaults.params());
        }
        if (request.params() != null) {
            params.putAll(request.params());
        }
        return new FormatCheck(request.response(),
                template == null ? Template.R1 : Template.fromWireName(template),
                Boolean.TRUE.equals(prefilled), toChecks(checks), toParams(params));
    }

    private static Set<SoftCheck> toChecks(List<String> names) {
        Set<SoftCheck> checks = EnumSet.noneOf(SoftCheck.class);
        if (names != null) {
            for (String name : names) {
                checks.add(SoftCheck.fromWireName(name));
            }
        }
        return checks;
    }

    private static SoftParams toParams(Map<String, Object> params) {
        for (String name : params.keySet()) {
            if (!PARAM_NAMES.contains(name)) {
                throw new IllegalArgumentException("params." + name + ": unknown parameter, expected any of "
                        + String.join(", ", PARAM_NAMES.stream().sorted().toList()));
            }
        }
        SoftParams d = SoftParams.DEFAULTS;
        return new SoftParams(
                intParam(params, "ngram_size", d.ngramSize()),
                doubleParam(params, "max_penalty", d.maxPenalty()),
                intParam(params, "length", d.length()),
                intParam(params, "max_length", d.maxLength()),
                intParam(params, "cache", d.cache()),
                doubleParam(params, "penalty_factor", d.penaltyFactor()));
    }

    private static Integer intParam(Map<String, Object> params, String name, Integer fallback) {
        Object value = params.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && Math.abs(number.doubleValue()) <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw new IllegalArgumentException("params." + name + " must be an integer");
    }

    private static double doubleParam(Map<String, Object> params, String name, double fallback) {
        Object value = params.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new IllegalArgumentException("params." + name + " must be a number");
    }
}
