package dev.rewards.code;

import java.util.List;
import java.util.Map;

/**
 * Verdict of a submission: {@code status} is the first failing case's verdict (or compile_error / no_code / accepted),
 * {@code score} 1.0/0.0 all-or-nothing or passed/total for fraction scoring.
 */
public record CodeResult(String id, Verdict status, double score, int passed, int total, CompileReport compile,
                         List<CaseReport> cases, long elapsedMs) {

    public CodeResult {
        cases = List.copyOf(cases);
    }

    /** {@code status} is {@code ok}, {@code error} or {@code skipped} (interpreted languages without a check). */
    public record CompileReport(String status, long timeMs, String stderr) {
    }

    /**
     * {@code score}: the case's share of a point (1 accepted, 0 failed, a checker's partial score in between);
     * {@code feedback}: the files a Kattis validator wrote to its feedback directory (bounded), else empty.
     */
    public record CaseReport(int index, Verdict status, double score, long timeMs, long memoryKb, Integer exitCode,
                             Integer signal, String stdoutExcerpt, String stderrExcerpt, Map<String, String> feedback) {
        public CaseReport {
            feedback = feedback == null ? Map.of() : Map.copyOf(feedback);
        }
    }
}
