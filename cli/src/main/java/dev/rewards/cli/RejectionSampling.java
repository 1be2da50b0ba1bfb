package dev.rewards.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import dev.rewards.gateway.ComponentResult;

/**
 * DeepSeek-R1's rejection sampling for reasoning SFT data: keep a response only if its answer is correct and its
 * format valid, its chain of thought is in the target language (score ≥ min), has no paragraph longer than the
 * limit, and — on a non-code task — contains no fenced code block; then at most N per problem (shortest first, or
 * a seeded random pick). Each dropped response is counted under the first rule it fails, in the order of {@link Rule}.
 */
final class RejectionSampling {

    enum Rule {
        NO_PROMPT("no prompt to pair the response with"),
        ACCURACY("answer not correct (or not checkable)"),
        FORMAT("format invalid"),
        LANGUAGE("language consistency below the minimum"),
        PARAGRAPH("a paragraph longer than the maximum"),
        CODE_BLOCK("code block in the reasoning of a non-code task"),
        PER_PROBLEM("over the per-problem limit");

        final String description;

        Rule(String description) {
            this.description = description;
        }
    }

    record Settings(double minLanguage, int maxParagraphWords, boolean allowCode, Integer perProblem, boolean random,
                    long seed) {
    }

    record Outcome(List<Map<String, Object>> kept, Map<Rule, Integer> dropped) {
    }

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");
    private static final Pattern FENCE = Pattern.compile("(?m)^\\s*(```|~~~)");

    private RejectionSampling() {
    }

    static Outcome apply(List<Graded> graded, Settings settings) {
        Map<Rule, Integer> dropped = new EnumMap<>(Rule.class);
        for (Rule rule : Rule.values()) {
            dropped.put(rule, 0);
        }
        Map<String, List<Graded>> passing = new LinkedHashMap<>();
        for (Graded g : graded) {
            Rule failed = firstFailure(g, settings);
            if (failed != null) {
                dropped.merge(failed, 1, Integer::sum);
            } else {
                passing.computeIfAbsent(g.response().problemId(), p -> new ArrayList<>()).add(g);
            }
        }
        List<Map<String, Object>> kept = new ArrayList<>();
        Random random = new Random(settings.seed());
        for (List<Graded> group : passing.values()) {
            List<Graded> ordered = new ArrayList<>(group);
            if (settings.random()) {
                Collections.shuffle(ordered, random);
            } else {
                ordered.sort(Comparator.comparingInt(g -> g.response().sample().response().length()));
            }
            int limit = settings.perProblem() == null ? ordered.size() : Math.min(settings.perProblem(), ordered.size());
            ordered.subList(0, limit).forEach(g -> kept.add(record(g)));
            dropped.merge(Rule.PER_PROBLEM, ordered.size() - limit, Integer::sum);
        }
        return new Outcome(kept, dropped);
    }

    static Rule firstFailure(Graded g, Settings settings) {
        if (prompt(g) == null) {
            return Rule.NO_PROMPT;
        }
        if (!g.correct()) {
            return Rule.ACCURACY;
        }
        if (!Boolean.TRUE.equals(g.formatValid())) {
            return Rule.FORMAT;
        }
        // The one reward rule: a chain of thought without words mixes no languages (not applicable = consistent).
        ComponentResult languageComponent = g.component("language");
        Double language = languageComponent != null && languageComponent.isNotApplicable() ? Double.valueOf(1.0)
                : g.language();
        if (language == null || language < settings.minLanguage()) {
            return Rule.LANGUAGE;
        }
        String reasoning = g.reasoning();
        for (String paragraph : PARAGRAPH_BREAK.split(reasoning)) {
            if (words(paragraph) > settings.maxParagraphWords()) {
                return Rule.PARAGRAPH;
            }
        }
        if (!settings.allowCode() && !g.response().sample().task().equals("code") && FENCE.matcher(reasoning).find()) {
            return Rule.CODE_BLOCK;
        }
        return null;
    }

    /** Whitespace-separated tokens, with each Han or kana character a word of its own (those scripts use no spaces). */
    static int words(String text) {
        int words = 0;
        boolean inToken = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA) {
                words++;
                inToken = false;
            } else if (Character.isWhitespace(cp)) {
                inToken = false;
            } else if (!inToken) {
                words++;
                inToken = true;
            }
        }
        return words;
    }

    private static String prompt(Graded g) {
        if (g.response().sample().prompt() != null && !g.response().sample().prompt().isBlank()) {
            return g.response().sample().prompt();
        }
        for (String key : List.of("question", "problem")) {
            if (g.response().fields().get(key) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    private static Map<String, Object> record(Graded g) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messages", List.of(Map.of("role", "user", "content", prompt(g)),
                Map.of("role", "assistant", "content", g.response().sample().response())));
        record.put("problem_id", g.response().problemId());
        return record;
    }
}
