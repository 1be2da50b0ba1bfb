package dev.rewards.format;

/**
 * One reason a completion breaks its template.
 *
 * @param code    stable machine-readable code, e.g. {@code duplicate_tag}
 * @param message human-readable explanation
 * @param index   character offset in the response where the problem is, or -1 when it has no single place
 */
public record Violation(String code, String message, int index) {
    public Violation {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("code is required");
        }
    }
}
