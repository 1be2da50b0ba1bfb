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
import dev.rewards.web.WireValues;

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
                Boolean.TRUE.equals(prefilled), toChecks(checks, Boolean.TRUE.equals(request.explain())),
                toParams(params));
    }

    private static Set<SoftCheck> toChecks(List<String> names, boolean explain) {
        Set<SoftCheck> checks = EnumSet.noneOf(SoftCheck.class);
        if (explain) {
            checks.addAll(EnumSet.of(SoftCheck.TAG_COUNT, SoftCheck.REASONING_STEPS, SoftCheck.REPETITION));
        }
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
                WireValues.integer(params, "params.", "ngram_size", d.ngramSize()),
                WireValues.number(params, "params.", "max_penalty", d.maxPenalty()),
                WireValues.integer(params, "params.", "length", d.length()),
                WireValues.integer(params, "params.", "max_length", d.maxLength()),
                WireValues.integer(params, "params.", "cache", d.cache()),
                WireValues.number(params, "params.", "penalty_factor", d.penaltyFactor()));
    }
}
