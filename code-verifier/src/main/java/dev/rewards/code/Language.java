package dev.rewards.code;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The languages the code-verifier runs, each with its sandbox image suffix and the accepted spellings of its name
 * (request field {@code language} and fenced-block tags). The first five are the core: their images are always
 * built and readiness requires them; the others are optional, served when their image is present.
 */
public enum Language {
    PYTHON("python", List.of("python", "py", "python3", "py3"), false),
    C("c", List.of("c", "h"), false),
    CPP("cpp", List.of("cpp", "c++", "cxx", "cc", "hpp"), false),
    JAVA("java", List.of("java"), false),
    JAVASCRIPT("javascript", List.of("javascript", "js", "node", "nodejs", "mjs"), false),
    GO("go", List.of("go", "golang"), true),
    RUST("rust", List.of("rust", "rs"), true),
    TYPESCRIPT("typescript", List.of("typescript", "ts"), true),
    CSHARP("csharp", List.of("csharp", "c#", "cs"), true),
    RUBY("ruby", List.of("ruby", "rb"), true),
    BASH("bash", List.of("bash", "sh", "shell"), true);

    private final String wireName;
    private final List<String> aliases;
    private final boolean optional;

    Language(String wireName, List<String> aliases, boolean optional) {
        this.wireName = wireName;
        this.aliases = aliases;
        this.optional = optional;
    }

    public String wireName() {
        return wireName;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** True when the language's sandbox image is built on request only ({@code ./rewards images --languages}). */
    public boolean optional() {
        return optional;
    }

    /** True when the program is compiled before its tests run (a separate phase with its own limits). */
    public boolean compiled() {
        return switch (this) {
            case C, CPP, JAVA, GO, RUST, TYPESCRIPT, CSHARP -> true;
            case PYTHON, JAVASCRIPT, RUBY, BASH -> false;
        };
    }

    public static Language fromWireName(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.aliases.contains(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("language: unknown value '" + name
                        + "', expected one of " + Arrays.stream(values()).map(Language::wireName)
                        .collect(Collectors.joining(", ")) + " (or an alias such as py, c++, js, golang, ts)"));
    }
}
