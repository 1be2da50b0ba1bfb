package dev.rewards.language.internal;

import java.lang.Character.UnicodeScript;
import java.util.List;
import java.util.Map;

/** Which languages write in which script, for the scripts that do not need a detector when one language is configured. */
public final class ScriptLanguages {

    private static final Map<UnicodeScript, List<String>> LANGUAGES = Map.ofEntries(
            Map.entry(UnicodeScript.CYRILLIC, List.of("ru", "uk", "be", "bg", "mk", "sr", "kk", "mn")),
            Map.entry(UnicodeScript.ARABIC, List.of("ar", "fa", "ur")),
            Map.entry(UnicodeScript.GREEK, List.of("el")),
            Map.entry(UnicodeScript.HEBREW, List.of("he")),
            Map.entry(UnicodeScript.THAI, List.of("th")),
            Map.entry(UnicodeScript.DEVANAGARI, List.of("hi", "mr")),
            Map.entry(UnicodeScript.BENGALI, List.of("bn")),
            Map.entry(UnicodeScript.GUJARATI, List.of("gu")),
            Map.entry(UnicodeScript.GURMUKHI, List.of("pa")),
            Map.entry(UnicodeScript.TAMIL, List.of("ta")),
            Map.entry(UnicodeScript.TELUGU, List.of("te")),
            Map.entry(UnicodeScript.GEORGIAN, List.of("ka")),
            Map.entry(UnicodeScript.ARMENIAN, List.of("hy")),
            Map.entry(UnicodeScript.HANGUL, List.of("ko")),
            Map.entry(UnicodeScript.HIRAGANA, List.of("ja")),
            Map.entry(UnicodeScript.KATAKANA, List.of("ja")),
            Map.entry(UnicodeScript.HAN, List.of("zh", "ja")));

    private ScriptLanguages() {
    }

    /** Languages written in the script; Latin (and any script not listed) is shared by every other language. */
    public static List<String> of(UnicodeScript script) {
        return LANGUAGES.get(script);
    }

    /** True when a language is written in Latin script, i.e. in no script listed here. */
    public static boolean isLatin(String language) {
        return LANGUAGES.values().stream().noneMatch(list -> list.contains(language));
    }
}
