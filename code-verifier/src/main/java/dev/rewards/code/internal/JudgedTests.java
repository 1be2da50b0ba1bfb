package dev.rewards.code.internal;

import dev.rewards.code.Language;
import dev.rewards.code.Sandbox;
import dev.rewards.code.SandboxUnavailableException;
import dev.rewards.code.Verdict;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The verdict of a judged test (call and assert tests): a limit the program hit wins — its exit status does not
 * count, since the runner ends it once the judge is done — then the judge's verdict line decides. The judge's own
 * failure is a sandbox anomaly (retryable), except a judge out of time, which only a submission can cause (it is
 * what makes the judge wait or work), and a test the judge cannot use at all, which is the request's fault.
 *
 * <p>Verdict line of sandbox/common/judge.py: {@code {"passed": bool, "checks": n, "failed_check": str|null,
 * "error": null|{"kind": "wrong_answer"|"runtime_error"|"no_reply"|"bad_test", "message": str}}}.
 */
public final class JudgedTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int STDERR_TAIL = 400;

    private JudgedTests() {
    }

    /** A judged test's verdict plus a one-line account of the judge's finding for the case report ("" if none). */
    public record Judged(Verdict verdict, String detail) {
    }

    /**
     * @throws IllegalArgumentException      the judge could not use the test itself (its code does not compile)
     * @throws SandboxUnavailableException   the judge is missing, crashed or answered nonsense
     */
    public static Judged judge(Sandbox.Observation run, Language language, int memoryMb) {
        Verdict limit = Verdicts.ofLimits(run, language, memoryMb);
        if (limit != null) {
            return new Judged(limit, "");
        }
        Sandbox.JudgeObservation judge = run.judge();
        if (judge == null) {
            throw new SandboxUnavailableException("the sandbox ran a judged test without its judge", null);
        }
        if (judge.timedOut() != null) {
            return new Judged(Verdict.TIME_LIMIT, "the judge waited for the program beyond its time ("
                    + judge.timedOut() + ")");
        }
        JsonNode report = report(judge);
        if (report == null) {
            throw new SandboxUnavailableException("the test judge failed (exit " + judge.exitCode() + ", signal "
                    + judge.signal() + "): " + tail(judge.stderr()), null);
        }
        if (report.get("passed").asBoolean()) {
            return new Judged(Verdict.ACCEPTED, "");
        }
        JsonNode error = report.get("error");
        String kind = error.get("kind").asString();
        String message = error.get("message").asString();
        JsonNode failedCheck = report.get("failed_check");
        String detail = kind + ": " + message + (failedCheck.isString() ? " — " + failedCheck.asString() : "");
        return switch (kind) {
            case "wrong_answer" -> new Judged(Verdict.WRONG_ANSWER, detail);
            case "runtime_error", "no_reply" -> new Judged(Verdict.RUNTIME_ERROR, detail);
            case "bad_test" -> throw new IllegalArgumentException("tests: the judge cannot run them: " + message);
            default -> throw new SandboxUnavailableException("the test judge reported an unknown kind " + kind, null);
        };
    }

    /** The judge's verdict line, or null when it exited abnormally or printed something else. */
    private static JsonNode report(Sandbox.JudgeObservation judge) {
        if (judge.exitCode() == null || judge.exitCode() != 0 || judge.stdout() == null) {
            return null;
        }
        JsonNode report;
        try {
            report = JSON.readTree(judge.stdout().strip());
        } catch (JacksonException e) {
            return null;
        }
        if (report == null || !report.isObject() || !report.path("passed").isBoolean()) {
            return null;
        }
        JsonNode error = report.path("error");
        boolean passed = report.get("passed").asBoolean();
        if (passed != error.isNull()) {
            return null;
        }
        if (!passed && !(error.path("kind").isString() && error.path("message").isString()
                && (report.path("failed_check").isNull() || report.path("failed_check").isString()))) {
            return null;
        }
        return report;
    }

    private static String tail(String text) {
        if (text == null || text.isEmpty()) {
            return "no diagnostics";
        }
        return text.length() <= STDERR_TAIL ? text : "…" + text.substring(text.length() - STDERR_TAIL);
    }
}
