package dev.rewards.math;

import java.util.ArrayList;
import java.util.List;

import dev.rewards.math.internal.Extractor;
import dev.rewards.math.internal.Extractor.Strategy;

/**
 * Where a verdict's answer was found, for people reading a verdict ({@code explain: true}): the strategy that found
 * it ({@code boxed}, {@code answer_tag}, {@code final_answer_phrase}, {@code last_math}, {@code last_number},
 * {@code bare} for a response that is itself the answer, {@code choice}, or {@code none}) and its span
 * {@code [start, end)} in the response as sent (null when the answer was rewritten on the way, e.g. a phrase's
 * sentence stripped of its {@code $}). Computed after the verdict, from the extractor's own strategies run one at a
 * time, so that grading never pays for it.
 */
public record AnswerLocation(String source, Integer start, Integer end) {

    public static AnswerLocation of(String response, MathOptions options, MathVerdict verdict) {
        if (verdict.extracted() == null) {
            return new AnswerLocation("none", null, null);
        }
        int base = 0;
        if (options.reasoningDelimiter() != null) {
            base = response.lastIndexOf(options.reasoningDelimiter()) + options.reasoningDelimiter().length();
        }
        String graded = response.substring(base);
        int think = graded.lastIndexOf("</think>");
        int from = base + (think < 0 ? 0 : think + "</think>".length());
        if ("choice".equals(verdict.method().wireName())) {
            return located("choice", response, from, verdict.extracted());
        }
        List<Strategy> strategies = new ArrayList<>(options.extraction());
        boolean lastNumber = strategies.remove(Strategy.LAST_NUMBER);
        if (strategies.contains(Strategy.BOXED) && strategies.contains(Strategy.FINAL_ANSWER_PHRASE)) {
            String statement = Extractor.extract(graded, List.of(Strategy.BOXED, Strategy.FINAL_ANSWER_PHRASE));
            String box = Extractor.extract(graded, List.of(Strategy.BOXED));
            if (statement != null && box != null && !statement.equals(box)) {
                return located("final_answer_phrase", response, from, statement);
            }
        }
        for (Strategy strategy : strategies) {
            String found = Extractor.extract(graded, List.of(strategy));
            if (found != null) {
                return located(strategy.name().toLowerCase(java.util.Locale.ROOT), response, from, found);
            }
        }
        String bare = Extractor.bare(graded);
        if (bare != null) {
            return located("bare", response, from, bare);
        }
        if (lastNumber) {
            String number = Extractor.extract(graded, List.of(Strategy.LAST_NUMBER));
            if (number != null) {
                return located("last_number", response, from, number);
            }
        }
        return new AnswerLocation("none", null, null);
    }

    private static AnswerLocation located(String source, String response, int from, String found) {
        int at = response.lastIndexOf(found);
        return at >= from ? new AnswerLocation(source, at, at + found.length()) : new AnswerLocation(source, null, null);
    }
}
