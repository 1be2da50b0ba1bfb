package dev.rewards.code.api;

import java.util.List;
import java.util.Map;

import dev.rewards.code.CodeResult;

public record VerifyResponse(String id, String status, double score, int passed, int total, Compile compile,
                             List<Case> cases, long elapsedMs) {

    public record Compile(String status, long timeMs, String stderr) {
    }

    /** {@code score}: the case's share (a checker's partial score); {@code feedback}: Kattis feedback files. */
    public record Case(int index, String status, double score, long timeMs, long memoryKb, Integer exitCode,
                       Integer signal, String stdoutExcerpt, String stderrExcerpt, Map<String, String> feedback) {
    }

    static VerifyResponse of(CodeResult result) {
        Compile compile = result.compile() == null ? null
                : new Compile(result.compile().status(), result.compile().timeMs(), result.compile().stderr());
        List<Case> cases = result.cases().stream().map(c -> new Case(c.index(), c.status().wireName(), c.score(),
                c.timeMs(), c.memoryKb(), c.exitCode(), c.signal(), c.stdoutExcerpt(), c.stderrExcerpt(),
                c.feedback().isEmpty() ? null : c.feedback())).toList();
        return new VerifyResponse(result.id(), result.status().wireName(), result.score(), result.passed(),
                result.total(), compile, cases, result.elapsedMs());
    }
}
