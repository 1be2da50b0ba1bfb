package dev.rewards.language;

/** Decides the language of a run of same-script text that the script alone cannot settle. */
public interface RunClassifier {

    /** An ISO 639-1 code among the configured languages, or {@code unknown}. */
    String classify(String run);
}
