package dev.rewards.code;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The languages the code-verifier runs, each with its sandbox image suffix and the accepted spellings of its name
 * (request field {@code language} and fenced-block tags).
 */
public enum Language {
    PYTHON("python", List.of("python", "py", "python3", "py3")),
    C("c", List.of("c", "h")),
    CPP("cpp", List.of("cpp", "c++", "cxx", "cc", "hpp")),
    JAVA("java", List.of("java")),
    JAVASCRIPT("javascript", List.of("javascript", "js", "node", "nodejs", "mjs"));

    private final String wireName;
    private final List<String> aliases;

    Language(String wireName, List<String> aliases) {
        this.wireName = wireName;
        this.aliases = aliases;
    }

    public String wireName() {
        return wireName;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** True when the program is compiled before its tests run (a separate phase with its own limits). */
    public boolean compiled() {
        return this == C || this == CPP || this == JAVA;
    }

    public static Language fromWireName(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.aliases.contains(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("language: unknown value '" + name
                        + "', expected one of python, c, cpp, java, javascript (or an alias such as py, c++, js)"));
    }
}
