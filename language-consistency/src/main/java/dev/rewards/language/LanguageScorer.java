package dev.rewards.language;

import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rewards.language.internal.Exclusions;
import dev.rewards.language.internal.FunctionWords;
import dev.rewards.language.internal.ScriptLanguages;
import dev.rewards.language.internal.Words;
import dev.rewards.language.internal.Words.Word;
import dev.rewards.web.Reasoning;

/**
 * LANG-RATIO-v1 (README): the share of words in the target language. Script decides wherever it is unambiguous;
 * Latin-script runs (split at sentence ends and script changes) are decided by function words when the vote is clear
 * and by the statistical detector otherwise. Thread-safe when its classifier is.
 */
public final class LanguageScorer {

    private final List<String> languages;
    private final Set<String> configured;
    private final List<String> latinLanguages;
    private final RunClassifier classifier;
    private final FunctionWords functionWords;

    public LanguageScorer(List<String> languages, RunClassifier classifier) {
        if (languages == null || languages.isEmpty()) {
            throw new IllegalArgumentException("at least one language must be configured");
        }
        this.languages = List.copyOf(languages);
        this.configured = Set.copyOf(languages);
        this.latinLanguages = languages.stream().filter(ScriptLanguages::isLatin).toList();
        this.classifier = classifier;
        this.functionWords = FunctionWords.covers(Set.copyOf(latinLanguages)) ? new FunctionWords(latinLanguages) : null;
    }

    public List<String> languages() {
        return languages;
    }

    public LanguageScore score(String text, String target, Scope scope) {
        return score(text, target, scope, false);
    }

    /**
     * The score; with {@code explain}, also each counted word with its language and each removed span. Off, the
     * explanation costs nothing: no span is recorded and no attribution array allocated.
     */
    public LanguageScore score(String text, String target, Scope scope, boolean explain) {
        if (text == null) {
            throw new IllegalArgumentException("text is required");
        }
        if (target == null) {
            throw new IllegalArgumentException("target is required");
        }
        if (!configured.contains(target)) {
            throw new IllegalArgumentException("target: '" + target + "' is not among the configured languages "
                    + String.join(", ", languages));
        }
        int[] range = scope == Scope.ALL ? new int[] {0, text.length()} : thinkRange(text);
        String part = text.substring(range[0], range[1]);
        Exclusions.Result cleaned = explain ? Exclusions.stripExplained(part) : Exclusions.strip(part);
        List<Word> words = Words.of(cleaned.text());
        String[] attribution = explain ? new String[words.size()] : null;
        Map<String, Integer> counts = count(cleaned.text(), words, attribution);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int targetWords = counts.getOrDefault(target, 0);
        Map<String, Integer> excluded = new LinkedHashMap<>();
        excluded.put("code_blocks", cleaned.codeBlocks());
        excluded.put("math_spans", cleaned.mathSpans());
        excluded.put("urls", cleaned.urls());
        excluded.put("tags", cleaned.tags());
        return new LanguageScore(total == 0 ? LanguageScore.NO_WORDS : LanguageScore.OK,
                total == 0 ? null : (double) targetWords / total, targetWords, total, sorted(counts), excluded,
                explain ? explanation(range, cleaned, words, attribution) : null);
    }

    /**
     * The reasoning, by the splitter every service shares: from {@code <think>} up to the last {@code </think>} (an
     * unclosed block to the end, a prefilled one from the start), or all text when there are no think tags.
     */
    static String thinkPart(String text) {
        int[] range = thinkRange(text);
        return text.substring(range[0], range[1]);
    }

    private static int[] thinkRange(String text) {
        Reasoning.Span span = Reasoning.reasoningOrAllSpan(text);
        return new int[] {span.start(), span.end()};
    }

    /**
     * Word and removed spans in the coordinates of the text as sent. Each removed span left one separator in the
     * prose, so a prose offset maps back by adding the lengths (less one) of the spans removed before it.
     */
    private static LanguageExplanation explanation(int[] range, Exclusions.Result cleaned, List<Word> words,
                                                   String[] attribution) {
        List<Exclusions.Removed> removed = cleaned.removed();
        List<LanguageExplanation.WordSpan> spans = new ArrayList<>(words.size());
        int next = 0;
        int shift = range[0];
        for (int w = 0; w < words.size(); w++) {
            Word word = words.get(w);
            while (next < removed.size() && removed.get(next).at() < word.start()) {
                Exclusions.Removed r = removed.get(next++);
                shift += r.end() - r.start() - 1;
            }
            spans.add(new LanguageExplanation.WordSpan(word.start() + shift, word.end() + shift, attribution[w]));
        }
        List<LanguageExplanation.ExcludedSpan> excluded = removed.stream()
                .map(r -> new LanguageExplanation.ExcludedSpan(r.start() + range[0], r.end() + range[0], r.kind()))
                .toList();
        return new LanguageExplanation(range[0], range[1], spans, excluded);
    }

    /** Words per language; {@code attribution}, when given, receives each word's language. */
    private Map<String, Integer> count(String text, List<Word> words, String[] attribution) {
        Map<String, Integer> counts = new HashMap<>();
        if (words.isEmpty()) {
            return counts;
        }
        int sentences = words.get(words.size() - 1).sentence() + 1;
        boolean[] hasKana = new boolean[sentences];
        boolean[] hasHan = new boolean[sentences];
        for (Word word : words) {
            if (isKana(word.script())) {
                hasKana[word.sentence()] = true;
            } else if (word.script() == UnicodeScript.HAN) {
                hasHan[word.sentence()] = true;
            }
        }
        String[] hanLanguageBySentence = new String[sentences];
        int i = 0;
        while (i < words.size()) {
            Word word = words.get(i);
            UnicodeScript script = word.script();
            if (script == UnicodeScript.HAN) {
                int sentence = word.sentence();
                if (hanLanguageBySentence[sentence] == null) {
                    hanLanguageBySentence[sentence] = hanLanguage(sentence, hasKana, hasHan);
                }
                counts.merge(hanLanguageBySentence[sentence], 1, Integer::sum);
                if (attribution != null) {
                    attribution[i] = hanLanguageBySentence[sentence];
                }
                i++;
                continue;
            }
            int j = i + 1;
            while (j < words.size() && words.get(j).script() == script && words.get(j).sentence() == word.sentence()) {
                j++;
            }
            List<Word> run = words.subList(i, j);
            String language = runLanguage(text, script, run);
            counts.merge(language, run.size(), Integer::sum);
            if (attribution != null) {
                java.util.Arrays.fill(attribution, i, j, language);
            }
            i = j;
        }
        return counts;
    }

    /** Han is Japanese in a sentence with kana, or in a kana-less sentence next to Japanese ones; Chinese otherwise. */
    private String hanLanguage(int sentence, boolean[] hasKana, boolean[] hasHan) {
        boolean japanese = hasKana[sentence]
                || nearestCjkSentenceHasKana(sentence, -1, hasKana, hasHan)
                || nearestCjkSentenceHasKana(sentence, 1, hasKana, hasHan);
        if (japanese && configured.contains("ja")) {
            return "ja";
        }
        if (configured.contains("zh")) {
            return "zh";
        }
        return configured.contains("ja") ? "ja" : "unknown";
    }

    private static boolean nearestCjkSentenceHasKana(int from, int step, boolean[] hasKana, boolean[] hasHan) {
        for (int s = from + step; s >= 0 && s < hasKana.length; s += step) {
            if (hasKana[s]) {
                return true;
            }
            if (hasHan[s]) {
                return false;
            }
        }
        return false;
    }

    private String runLanguage(String text, UnicodeScript script, List<Word> run) {
        List<String> candidates = script == UnicodeScript.LATIN ? latinLanguages : ScriptLanguages.of(script);
        if (candidates == null) {
            return classifier.classify(span(text, run));
        }
        List<String> present = new ArrayList<>(candidates.size());
        for (String candidate : candidates) {
            if (configured.contains(candidate)) {
                present.add(candidate);
            }
        }
        if (present.isEmpty()) {
            return "unknown";
        }
        if (present.size() == 1) {
            return present.get(0);
        }
        if (script == UnicodeScript.LATIN && functionWords != null) {
            String decided = functionWords.decide(text, run);
            if (decided != null) {
                return decided;
            }
        }
        String detected = classifier.classify(span(text, run));
        return present.contains(detected) ? detected : "unknown";
    }

    /**
     * The run's text for the detector. A run longer than {@link #MAX_DETECTOR_INPUT} characters (a sentence without
     * punctuation, or hostile input) is sampled at its start and its end: the detector's cost grows with its input,
     * and a few hundred characters already decide a language.
     */
    private static String span(String text, List<Word> run) {
        int start = run.get(0).start();
        int end = run.get(run.size() - 1).end();
        if (end - start <= MAX_DETECTOR_INPUT) {
            return text.substring(start, end);
        }
        int half = MAX_DETECTOR_INPUT / 2;
        return text.substring(start, start + half) + " " + text.substring(end - half, end);
    }

    static final int MAX_DETECTOR_INPUT = 1_000;

    private static boolean isKana(UnicodeScript script) {
        return script == UnicodeScript.HIRAGANA || script == UnicodeScript.KATAKANA;
    }

    private static Map<String, Integer> sorted(Map<String, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
