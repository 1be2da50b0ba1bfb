package dev.rewards.format;

import java.util.Set;

/**
 * What to check: a completion (without the prompt), its template and the soft checks wanted.
 *
 * @param thinkPrefilled the chat template already opened {@code <think>}: the rule applies to {@code "<think>" + response}
 */
public record FormatCheck(String response, Template template, boolean thinkPrefilled, Set<SoftCheck> checks,
                          SoftParams params) {
    public FormatCheck {
        if (response == null) {
            throw new IllegalArgumentException("response is required");
        }
        template = template == null ? Template.R1 : template;
        checks = checks == null ? Set.of() : Set.copyOf(checks);
        params = params == null ? SoftParams.DEFAULTS : params;
        if (checks.contains(SoftCheck.OVERLONG)
                && (params.length() == null || params.maxLength() == null || params.cache() == null)) {
            throw new IllegalArgumentException("params.length, params.max_length and params.cache are required by the overlong check");
        }
    }
}
