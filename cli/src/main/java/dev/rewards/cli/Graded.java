package dev.rewards.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rewards.gateway.ComponentResult;
import dev.rewards.gateway.Composition;

/** A response with its reward and components, and what grading and filtering read from them. */
record Graded(Responses.Response response, Scorer.Scored scored) {

    private static final List<String> CORRECT = List.of("correct", "accepted");

    ComponentResult component(String name) {
        return scored.components().get(name);
    }

    /** Has an accuracy verdict: not unavailable, and not unscorable (an invalid gold is no wrong answer). */
    boolean hasAccuracy() {
        ComponentResult accuracy = component("accuracy");
        return accuracy != null && !accuracy.isUnavailable() && accuracy.score() != null;
    }

    /** Correct by the verifier's verdict (not the shaped score, which cosine scaling may move off 0/1). */
    boolean correct() {
        return hasAccuracy() && CORRECT.contains(component("accuracy").status());
    }

    /** Scored, cannot be scored (reward null by nature, e.g. invalid gold), or a verifier was unavailable. */
    Composition.Kind kind() {
        return Composition.kind(scored.reward(), scored.components());
    }

    boolean unavailable() {
        return kind() == Composition.Kind.UNAVAILABLE;
    }

    /** A component had nothing to judge (language without words) and counted as fully consistent. */
    boolean notApplicable() {
        return scored.components().values().stream().anyMatch(ComponentResult::isNotApplicable);
    }

    Boolean formatValid() {
        ComponentResult format = component("format");
        return format == null || format.isUnavailable() ? null : "valid".equals(format.status());
    }

    /** The language-consistency share, or null when there is none (not applicable, unavailable, not asked). */
    Double language() {
        ComponentResult language = component("language");
        return language == null || language.isNotApplicable() ? null : language.score();
    }

    /** The final answer the math-verifier extracted, or null. */
    String answer() {
        Object value = detail("accuracy").get("extracted");
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    /** The reasoning the format-checker separated, else the whole response. */
    String reasoning() {
        Object think = detail("format").get("think");
        return think instanceof String s ? s : response().sample().response();
    }

    private Map<?, ?> detail(String component) {
        ComponentResult result = component(component);
        return result != null && result.detail() instanceof Map<?, ?> map ? map : Map.of();
    }

    /** The output line of {@code grade}. */
    Map<String, Object> line() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("line", response.line());
        line.put("problem_id", response.problemId());
        line.put("id", response.sample().id());
        line.put("reward", scored.reward());
        line.put("status", kind().name().toLowerCase());
        Map<String, Object> components = new LinkedHashMap<>();
        scored.components().forEach((name, c) -> {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("score", c.score());
            part.put("status", c.status());
            if (c.isUnavailable() && c.detail() instanceof Map<?, ?> detail) {
                part.put("error", detail.get("error"));
            }
            components.put(name, part);
        });
        line.put("components", components);
        if (answer() != null) {
            line.put("answer", answer());
        }
        return line;
    }
}
