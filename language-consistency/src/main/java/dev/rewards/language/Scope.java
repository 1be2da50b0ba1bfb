package dev.rewards.language;

/** Which part of a completion is scored. */
public enum Scope {
    /** The text inside {@code <think>…</think>} when the completion has one, else all of it (default). */
    THINK,
    /** The whole completion. */
    ALL;

    public static Scope fromWireName(String name) {
        return switch (name) {
            case "think" -> THINK;
            case "all" -> ALL;
            default -> throw new IllegalArgumentException("scope: unknown value '" + name + "', expected think or all");
        };
    }
}
