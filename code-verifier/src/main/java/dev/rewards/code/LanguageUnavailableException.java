package dev.rewards.code;

/**
 * A request for a language this deployment does not run: its sandbox image was not built. A 400 problem, not a
 * 503: retrying cannot help until an operator builds the image ({@code ./rewards images --languages <name>}), after
 * which the language is served without a restart.
 */
public class LanguageUnavailableException extends IllegalArgumentException {

    public LanguageUnavailableException(Language language) {
        super("language: '" + language.wireName() + "' is not installed on this code-verifier (its sandbox image is "
                + "not built: ./rewards images --languages " + language.wireName()
                + "); GET /v1/code/languages lists the available languages");
    }
}
