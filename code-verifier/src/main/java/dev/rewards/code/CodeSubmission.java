package dev.rewards.code;

import dev.rewards.code.judge.OutputComparison;

/**
 * One submission to judge. Exactly one of {@code response} (a model's output; the program is its last fenced block
 * for the language) and {@code code} (the program itself) is given.
 *
 * @param allTests {@code scoring: fraction} — run every test and score passed/total; otherwise all-or-nothing
 * @param stopOnFirstFailure stop after the first failing test (default: true for all-or-nothing, false for fraction)
 */
public record CodeSubmission(String id, Language language, String response, String code, TestSuite tests,
                             CodeLimits limits, OutputComparison comparison, boolean allTests,
                             boolean stopOnFirstFailure) {
    public CodeSubmission {
        if ((response == null) == (code == null)) {
            throw new IllegalArgumentException("response: exactly one of response and code is required");
        }
        if (language == null) {
            throw new IllegalArgumentException("language: required");
        }
        if (tests == null) {
            throw new IllegalArgumentException("tests: required");
        }
        if ((tests instanceof TestSuite.Call || tests instanceof TestSuite.Assert) && language != Language.PYTHON) {
            throw new IllegalArgumentException("tests.format: call and assert tests are Python only");
        }
        comparison = comparison == null ? OutputComparison.DEFAULT : comparison;
    }
}
