package dev.rewards.code.judge;

/** How a program's output is compared with the expected output. */
public enum CompareMode {
    /** Line by line after stripping each line's trailing whitespace and the trailing blank lines (default). */
    LINES,
    /** Byte for byte. */
    EXACT,
    /** Whitespace-separated tokens. */
    TOKENS,
    /** Tokens; numbers equal within the tolerance (absolute or relative), NaN equals NaN, infinities by sign. */
    FLOAT;

    public static CompareMode fromWireName(String name) {
        return switch (name) {
            case "lines" -> LINES;
            case "exact" -> EXACT;
            case "tokens" -> TOKENS;
            case "float" -> FLOAT;
            default -> throw new IllegalArgumentException(
                    "compare.mode: unknown value '" + name + "', expected lines, exact, tokens or float");
        };
    }
}
