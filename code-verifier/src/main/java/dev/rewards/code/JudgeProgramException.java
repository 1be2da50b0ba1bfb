package dev.rewards.code;

/**
 * A problem's checker or interactor failed — it does not compile, crashed, ran out of its limits, or reported a
 * judge failure (testlib exit 3): the submission has no verdict (503, retryable after the dataset is fixed), and the
 * message names the program ({@code the checker (cpp, sha256 1a2b3c4d5e6f)}) so the dataset row can be found.
 */
public final class JudgeProgramException extends SandboxUnavailableException {

    public JudgeProgramException(String message) {
        super(message, null);
    }
}
