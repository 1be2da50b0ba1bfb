package dev.rewards.code.internal;

import java.util.List;
import java.util.Map;

import dev.rewards.code.JudgeProgramException;
import dev.rewards.code.Language;
import dev.rewards.code.Sandbox;
import dev.rewards.code.SandboxUnavailableException;
import dev.rewards.code.TestSuite;
import dev.rewards.code.Verdict;

/**
 * The verdict of a test judged by a checker or an interactor. The program's own limits come first; then the
 * companion's exit code decides by its protocol. A companion that crashed, ran out of its limits on its own, or
 * exited with anything its protocol does not define is no verdict against the submission: a
 * {@link JudgeProgramException} naming the companion (503).
 */
public final class CompanionVerdicts {

    private static final int SIGPIPE = 13;
    /**
     * What a program may send its interactor before an interactor that then breaks (out of memory, killed by a
     * signal, an exit code outside its protocol: an endless token grows its buffer) is the program's fault rather
     * than the judge's (exit 3, the interactor's own report of a judge failure, stays a judge failure): a real
     * exchange of 10^5 queries is about 1 MiB. Below it an interactor that breaks is the dataset's problem (a 503
     * naming it).
     * The runner relays the program's side of the pipe, counts it (stdoutBytes) and stops the program at its output
     * limit in any case.
     */
    static final long FLOOD_BYTES = 1L << 20;
    private static final int DETAIL_CHARS = 400;

    private CompanionVerdicts() {
    }

    /** {@code score}: the case's share of a point; {@code detail}: the companion's message (its stderr tail). */
    public record Judged(Verdict verdict, double score, String detail, Map<String, String> feedback) {
        static Judged of(Verdict verdict, String detail) {
            return new Judged(verdict, verdict == Verdict.ACCEPTED ? 1.0 : 0.0, detail, Map.of());
        }
    }

    /**
     * testlib: 0 accepted, 1 wrong answer, 2 presentation error (wrong answer unless accepted by configuration),
     * 3 judge failure, 7 partial with a score in [0, 1] as the first token of stdout; Kattis: 42 accepted,
     * 43 wrong answer, feedback files kept.
     */
    public static Judged checker(Sandbox.Observation run, Language language, int memoryMb, TestSuite.Checker checker,
                                 String description, int index) {
        Verdict abnormal = Verdicts.ofRun(run, language, memoryMb);
        if (abnormal != null) {
            return Judged.of(abnormal, "");
        }
        Sandbox.JudgeObservation judge = present(run, description);
        failIfBroken(judge, description, index);
        String detail = detail(judge);
        int code = judge.exitCode();
        if (checker.protocol() == TestSuite.CheckerProtocol.KATTIS) {
            Verdict verdict = switch (code) {
                case 42 -> Verdict.ACCEPTED;
                case 43 -> Verdict.WRONG_ANSWER;
                default -> throw failure(description, index, "exited " + code + " (42 or 43 expected)", judge);
            };
            return new Judged(verdict, verdict == Verdict.ACCEPTED ? 1.0 : 0.0, detail, judge.files());
        }
        return switch (code) {
            case 0 -> Judged.of(Verdict.ACCEPTED, detail);
            case 1 -> Judged.of(Verdict.WRONG_ANSWER, detail);
            case 2 -> Judged.of(checker.presentationErrorAccepted() ? Verdict.ACCEPTED : Verdict.WRONG_ANSWER,
                    "presentation error: " + detail);
            case 3 -> throw failure(description, index, "reported a judge failure (exit 3)", judge);
            case 7 -> partial(judge, description, index, detail);
            default -> throw failure(description, index, "exited " + code + " (0, 1, 2, 3 or 7 expected)", judge);
        };
    }

    private static Judged partial(Sandbox.JudgeObservation judge, String description, int index, String detail) {
        String[] tokens = judge.stdout().strip().split("\\s+", 2);
        double score;
        try {
            score = Double.parseDouble(tokens[0]);
        } catch (NumberFormatException e) {
            throw failure(description, index, "exited 7 without a score on stdout", judge);
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw failure(description, index, "exited 7 with score " + tokens[0] + " outside [0, 1]", judge);
        }
        Verdict verdict = score >= 1.0 ? Verdict.ACCEPTED : Verdict.WRONG_ANSWER;
        return new Judged(verdict, score, "partial score " + score + (detail.isEmpty() ? "" : ": " + detail),
                Map.of());
    }

    /**
     * testlib interactor: 0 accepted (the program must also have ended normally: else a runtime error), 1 or 2 wrong
     * answer, 3 judge failure. A program that fails once its interactor has ended (reading EOF, writing to a closed
     * pipe) fails as a consequence, and which came first cannot be told apart: the interactor's wrong answer stands.
     * An interactor killed by SIGPIPE wrote to a program that had stopped reading: wrong answer. An interactor out of
     * time waited on the program: time limit. An interactor that broke once the program had flooded it
     * ({@link #FLOOD_BYTES}): output limit; one that crashed or exited outside its protocol once the program had
     * gone (exited, closed its stdin or stdout: a Python interactor's last flush then exits 120): wrong answer —
     * nothing a program sends, or stops sending, can make a judge failure.
     */
    public static Judged interactor(Sandbox.Observation run, Language language, int memoryMb, String description,
                                    int index) {
        Verdict limit = Verdicts.ofLimits(run, language, memoryMb);
        if (limit != null) {
            return Judged.of(limit, "");
        }
        Sandbox.JudgeObservation judge = present(run, description);
        String detail = detail(judge);
        boolean programCrashed = run.startFailed() || run.exitCode() == null && !Integer.valueOf(SIGPIPE)
                .equals(run.signal()) || run.exitCode() != null && run.exitCode() != 0;
        if ("cpu".equals(judge.timedOut()) || "wall".equals(judge.timedOut())) {
            return Judged.of(Verdict.TIME_LIMIT, "the interactor waited for the program beyond its time ("
                    + judge.timedOut() + ")");
        }
        if (judge.timedOut() == null && Integer.valueOf(SIGPIPE).equals(judge.signal())) {
            return Judged.of(Verdict.WRONG_ANSWER, "the program stopped reading before the interaction ended");
        }
        boolean broke = judge.timedOut() != null || judge.exitCode() == null
                || !List.of(0, 1, 2, 3).contains(judge.exitCode());
        if (broke && run.stdoutBytes() >= FLOOD_BYTES) {
            return Judged.of(Verdict.OUTPUT_LIMIT, "the interactor broke (" + (judge.timedOut() != null
                    ? "out of " + judge.timedOut() : judge.exitCode() == null ? "signal " + judge.signal()
                    : "exit " + judge.exitCode()) + ") after the program had sent it " + run.stdoutBytes() + " bytes");
        }
        boolean crashed = judge.timedOut() == null && (judge.exitCode() == null && judge.signal() != null
                || judge.exitCode() != null && !List.of(0, 1, 2, 3).contains(judge.exitCode()));
        if (crashed && judge.programGone()) {
            return Judged.of(Verdict.WRONG_ANSWER, "the program ended the interaction (exited, or closed its input"
                    + " or output) and the interactor then broke (" + (judge.exitCode() == null ? "signal "
                    + judge.signal() : "exit " + judge.exitCode()) + "): " + detail);
        }
        failIfBroken(judge, description, index);
        return switch (judge.exitCode()) {
            case 0 -> programCrashed ? Judged.of(Verdict.RUNTIME_ERROR, "the interactor accepted, the program failed")
                    : Judged.of(Verdict.ACCEPTED, detail);
            case 1, 2 -> Judged.of(Verdict.WRONG_ANSWER, detail);
            case 3 -> throw failure(description, index, "reported a judge failure (exit 3)", judge);
            default -> throw failure(description, index, "exited " + judge.exitCode() + " (0, 1, 2 or 3 expected)",
                    judge);
        };
    }

    private static Sandbox.JudgeObservation present(Sandbox.Observation run, String description) {
        if (run.judge() == null) {
            throw new SandboxUnavailableException("the sandbox ran a test without " + description, null);
        }
        return run.judge();
    }

    /** Crashed, killed, out of its own limits, or never started: the companion's fault, not the submission's. */
    private static void failIfBroken(Sandbox.JudgeObservation judge, String description, int index) {
        if (judge.timedOut() != null) {
            throw failure(description, index, "exceeded its " + ("memory".equals(judge.timedOut()) ? "memory"
                    : "time") + " limit (" + judge.timedOut() + ")", judge);
        }
        if (judge.exitCode() == null) {
            throw failure(description, index, judge.signal() == null ? "did not start"
                    : "was killed by signal " + judge.signal(), judge);
        }
    }

    private static JudgeProgramException failure(String description, int index, String what,
                                                 Sandbox.JudgeObservation judge) {
        String stderr = Companions.tail(judge.stderr(), DETAIL_CHARS);
        return new JudgeProgramException(description + " failed on test " + index + ": " + what
                + (stderr.isEmpty() ? "" : ": " + stderr));
    }

    private static String detail(Sandbox.JudgeObservation judge) {
        return Companions.tail(judge.stderr(), DETAIL_CHARS);
    }
}
