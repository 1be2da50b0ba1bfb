package dev.rewards.gateway;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to ask each verifier for a batch of samples under a profile: per verifier the distinct items (identical
 * requests in a batch — GRPO repeats prompts, models repeat answers — are verified once), and per sample and
 * component which item answers it. Then, given the verifiers' results, the components and rewards.
 */
public final class FanOutPlan {

    /** Where a sample's component comes from: a verifier's item, read by a component reader. */
    private record Source(Verifier verifier, int item) {
    }

    private final Profile profile;
    private final List<Sample> samples;
    private final Map<Verifier, List<Map<String, Object>>> items = new EnumMap<>(Verifier.class);
    private final Map<Verifier, Map<Map<String, Object>, Integer>> index = new EnumMap<>(Verifier.class);
    private final List<Map<String, Source>> sources = new ArrayList<>();

    public FanOutPlan(Profile profile, List<Sample> samples) {
        this.profile = profile;
        this.samples = List.copyOf(samples);
        for (Sample sample : samples) {
            Map<String, Source> perComponent = new LinkedHashMap<>();
            String template = template(sample, profile);
            boolean explain = explain(sample);
            if (profile.uses("accuracy") && !sample.task().equals("none")) {
                String answer = AnswerSelection.answer(sample.response(), template);
                if (sample.task().equals("math")) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("response", answer);
                    item.put("gold", sample.gold());
                    Object mathOptions = sample.options().get("math");
                    if (mathOptions != null) {
                        item.put("options", mathOptions);
                    }
                    if (explain) {
                        item.put("explain", true);
                    }
                    perComponent.put("accuracy", add(Verifier.MATH, item));
                } else {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("language", sample.language());
                    item.put("response", answer);
                    item.put("tests", sample.tests());
                    copy(sample.options(), item, "limits", "compare", "scoring");
                    perComponent.put("accuracy", add(Verifier.CODE, item));
                }
            }
            if (profile.uses("format") || profile.uses("overlong")) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("response", sample.response());
                item.put("template", template);
                item.put("think_prefilled", sample.options().get("think_prefilled") instanceof Boolean prefilled
                        ? prefilled : profile.thinkPrefilled());
                if (explain) {
                    item.put("explain", true);
                }
                if (profile.uses("overlong")) {
                    item.put("checks", List.of("overlong"));
                    item.put("params", Map.of("length", length(sample), "max_length", profile.overlong().maxLength(),
                            "cache", profile.overlong().cache()));
                }
                Source source = add(Verifier.FORMAT, item);
                if (profile.uses("format")) {
                    perComponent.put("format", source);
                }
                if (profile.uses("overlong")) {
                    perComponent.put("overlong", source);
                }
            }
            if (profile.uses("language")) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("text", sample.response());
                item.put("target", sample.targetLanguage() != null ? sample.targetLanguage() : profile.targetLanguage());
                copy(sample.options(), item, "scope");
                if (explain) {
                    item.put("explain", true);
                }
                perComponent.put("language", add(Verifier.LANGUAGE, item));
            }
            sources.add(perComponent);
        }
    }

    /** The sample's {@code options.template} (a reader trying another template), else the profile's. */
    private static String template(Sample sample, Profile profile) {
        return sample.options().get("template") instanceof String template ? template : profile.template();
    }

    /**
     * {@code options.explain}: ask each verifier why (the playground shows it); the accuracy detail then also says
     * where the answer part the math-verifier saw starts in the response ({@code answer_start}).
     */
    private static boolean explain(Sample sample) {
        return Boolean.TRUE.equals(sample.options().get("explain"));
    }

    private static void copy(Map<String, Object> from, Map<String, Object> to, String... keys) {
        for (String key : keys) {
            if (from.get(key) != null) {
                to.put(key, from.get(key));
            }
        }
    }

    /** Tokens when the trainer sent {@code options.length}, else characters (as open-r1's cosine reward). */
    public static int length(Sample sample) {
        Object length = sample.options().get("length");
        return length instanceof Number n ? n.intValue() : sample.response().length();
    }

    private Source add(Verifier verifier, Map<String, Object> item) {
        Map<Map<String, Object>, Integer> known = index.computeIfAbsent(verifier, v -> new HashMap<>());
        Integer at = known.get(item);
        if (at == null) {
            List<Map<String, Object>> list = items.computeIfAbsent(verifier, v -> new ArrayList<>());
            at = list.size();
            list.add(item);
            known.put(item, at);
        }
        return new Source(verifier, at);
    }

    public Map<Verifier, List<Map<String, Object>>> items() {
        return items;
    }

    public int sampleCount() {
        return samples.size();
    }

    public Sample sample(int index) {
        return samples.get(index);
    }

    /** The verifiers (and their items) a sample's components wait for. */
    public Map<Verifier, List<Integer>> dependencies(int sample) {
        Map<Verifier, List<Integer>> needs = new EnumMap<>(Verifier.class);
        sources.get(sample).values().forEach(s -> needs.computeIfAbsent(s.verifier(), v -> new ArrayList<>()).add(s.item()));
        return needs;
    }

    /**
     * The sample's components from the verifiers' results; a result that is missing (verifier unavailable) comes
     * from {@code failure}, which names the reason.
     */
    public Map<String, ComponentResult> components(int sample, Results results) {
        Map<String, ComponentResult> components = new LinkedHashMap<>();
        sources.get(sample).forEach((component, source) -> {
            Map<String, Object> result = results.get(source.verifier(), source.item());
            if (result == null) {
                components.put(component, ComponentResult.unavailable(results.failure(source.verifier(),
                        source.item())));
                return;
            }
            components.put(component, read(component, result, samples.get(sample)));
        });
        return components;
    }

    private ComponentResult read(String component, Map<String, Object> result, Sample sample) {
        return switch (component) {
            case "accuracy" -> {
                Double score = number(result.get("score"));
                if (score != null && profile.cosine() != null) {
                    score = profile.cosine().scale(score >= 1.0, length(sample));
                }
                Map<String, Object> detail = result;
                if (explain(sample) && sample.task().equals("math")) {
                    detail = new LinkedHashMap<>(result);
                    detail.put("answer_start", AnswerSelection.span(sample.response(), template(sample, profile))[0]);
                }
                yield new ComponentResult(score, String.valueOf(result.get("status")), detail);
            }
            case "format" -> new ComponentResult(number(result.get("score")),
                    Boolean.TRUE.equals(result.get("valid")) ? "valid" : "invalid", result);
            case "overlong" -> {
                Object soft = result.get("soft");
                Double value = soft instanceof Map<?, ?> map ? number(map.get("overlong")) : null;
                yield new ComponentResult(value, value == null ? "missing" : "ok", Map.of("overlong", value == null
                        ? "missing" : value));
            }
            // No countable word in the reasoning: nothing to judge, counted as fully consistent (see Composition).
            case "language" -> "no_words".equals(result.get("status"))
                    ? new ComponentResult(1.0, ComponentResult.NOT_APPLICABLE, result)
                    : new ComponentResult(number(result.get("score")), String.valueOf(result.get("status")), result);
            default -> throw new IllegalStateException("unknown component " + component);
        };
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    /** Verifier results by item, with the reason of each missing one. */
    public interface Results {
        Map<String, Object> get(Verifier verifier, int item);

        String failure(Verifier verifier, int item);
    }
}
