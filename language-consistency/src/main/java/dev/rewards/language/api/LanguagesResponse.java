package dev.rewards.language.api;

import java.util.List;

/** {@code GET /v1/language/languages}: the configured languages and the counting rule in force. */
public record LanguagesResponse(String rule, List<LanguageEntry> languages) {

    public record LanguageEntry(String code, String name) {
    }
}
