package dev.rewards.math;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rewards.math.internal.Answer;
import dev.rewards.math.internal.AnswerParser;
import dev.rewards.math.internal.Equivalence;
import dev.rewards.math.internal.Choices;
import dev.rewards.math.internal.Extractor;
import dev.rewards.math.internal.Forms;
import dev.rewards.math.internal.Method;
import dev.rewards.math.internal.Normalizer;
import dev.rewards.math.internal.Symja;

/**
 * Extracts the final answer of a response and decides its equivalence with the gold. Thread-safe: parsed golds are
 * shared through a bounded LRU cache (GRPO sends many responses per gold), everything else is per call.
 */
public final class MathVerifier {

    /** Longest extracted answer considered; longer ones are compared as text only. */
    static final int MAX_ANSWER_LENGTH = 4_000;

    private final Map<String, Object> goldCache;

    public MathVerifier(int goldCacheSize) {
        this.goldCache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > goldCacheSize;
            }
        });
    }

    /** Loads Symja's rule tables so the first real request does not pay ≈1.5 s. */
    public static void warmUp() {
        Symja.warmUp();
        new MathVerifier(4).verify("\\boxed{\\frac{1}{2}}", "0.5", MathOptions.DEFAULTS);
    }

    public MathVerdict verify(String response, String gold, MathOptions options) {
        long start = System.nanoTime();
        if (response == null) {
            throw new IllegalArgumentException("response is required");
        }
        if (gold == null) {
            throw new IllegalArgumentException("gold is required");
        }
        Object parsedGold = goldCache.computeIfAbsent(gold, MathVerifier::parseGold);
        if (!(parsedGold instanceof AnswerParser.Parsed goldAnswer)) {
            return verdict(MathVerdict.INVALID_GOLD, null, null, null, Method.TEXT, start);
        }
        String goldForm = Forms.print(goldAnswer.answer());
        if (options.reasoningDelimiter() != null) {
            response = Extractor.afterDelimiter(response, options.reasoningDelimiter());
            if (response == null) {
                return verdict(MathVerdict.NO_ANSWER, null, null, goldForm, Equivalence.methodOf(goldAnswer.answer()), start);
            }
        }
        if (goldAnswer.answer() instanceof Answer.Choice choice) {
            Character letter = Choices.choice(response);
            if (letter == null) {
                return verdict(MathVerdict.NO_ANSWER, null, null, goldForm, Method.CHOICE, start);
            }
            boolean correct = letter == choice.letter();
            return verdict(correct ? MathVerdict.CORRECT : MathVerdict.INCORRECT, String.valueOf(letter),
                    String.valueOf(letter), goldForm, Method.CHOICE, start);
        }
        String extracted = extract(response, goldAnswer, options);
        if (extracted == null) {
            return verdict(MathVerdict.NO_ANSWER, null, null, goldForm, Equivalence.methodOf(goldAnswer.answer()), start);
        }
        if (extracted.length() > MAX_ANSWER_LENGTH) {
            return verdict(MathVerdict.INCORRECT, extracted.substring(0, 200) + "…", null, goldForm, Method.STRING, start);
        }
        String decimal = goldAnswer.answer() instanceof Answer.Scalar ? Normalizer.decimalComma(extracted) : null;
        if (decimal != null) {
            extracted = decimal;
        }
        boolean prose = !(goldAnswer.answer() instanceof Answer.Text) && Extractor.looksLikeProse(extracted);
        AnswerParser.Parsed answer = prose ? null : tryParse(extracted);
        if (answer == null) {
            String salvaged = Extractor.salvage(extracted);
            answer = salvaged == null ? null : tryParse(salvaged);
            if (answer == null && prose) {
                answer = tryParse(extracted);
                salvaged = extracted;
            }
            if (answer == null) {
                boolean same = normalizedText(extracted).equals(normalizedText(goldAnswer.normalized()));
                return verdict(same ? MathVerdict.CORRECT : MathVerdict.INCORRECT, extracted, null, goldForm, Method.STRING, start);
            }
            if (answer.unit() == null && !salvaged.equals(extracted)) {
                // "3 minutes" salvaged to 3 keeps its unit, which a gold of "3 hours" tells apart
                AnswerParser.Parsed salvagedAnswer = answer;
                String unit = tryUnit(extracted);
                answer = new AnswerParser.Parsed(salvagedAnswer.answer(), salvagedAnswer.percent(),
                        salvagedAnswer.degrees(), salvagedAnswer.normalized(), unit);
            }
            extracted = salvaged;
        }
        Equivalence equivalence = new Equivalence(new Equivalence.Settings(options.floatRelTol(),
                options.percent().equals("either"), options.strict(), Math.max(10, options.timeoutMs() / 2)));
        Equivalence.Outcome outcome = equivalence.compare(goldAnswer, answer);
        MathVerdict.Status status = outcome.equal() ? MathVerdict.CORRECT
                : outcome.tooCostly() ? MathVerdict.TIMEOUT : MathVerdict.INCORRECT;
        if (!outcome.equal() && elapsedMillis(start) > options.timeoutMs()) {
            status = MathVerdict.TIMEOUT;
        }
        return verdict(status, extracted, Forms.print(answer.answer()), goldForm, outcome.method(), start);
    }

    /**
     * Groups answers by mathematical equivalence, for majority voting: each answer joins the first class whose
     * representative (its first member) it is equivalent to. Unparseable answers group by their normalized text.
     */
    public List<List<Integer>> cluster(List<String> answers, List<String> formsOut) {
        List<List<Integer>> classes = new ArrayList<>();
        List<Object> representatives = new ArrayList<>();
        Equivalence equivalence = new Equivalence(new Equivalence.Settings(1e-6, true, false, 500));
        for (int i = 0; i < answers.size(); i++) {
            String raw = answers.get(i) == null ? "" : answers.get(i);
            Object parsed = raw.length() > MAX_ANSWER_LENGTH ? normalizedText(raw) : parseGold(raw);
            formsOut.add(parsed instanceof AnswerParser.Parsed p ? Forms.print(p.answer()) : normalizedText(raw));
            int joined = -1;
            for (int c = 0; c < classes.size() && joined < 0; c++) {
                Object representative = representatives.get(c);
                boolean same = parsed instanceof AnswerParser.Parsed p && representative instanceof AnswerParser.Parsed r
                        ? equivalence.compare(r, p).equal()
                        : parsed.equals(representative);
                if (same) {
                    joined = c;
                }
            }
            if (joined < 0) {
                classes.add(new ArrayList<>(List.of(i)));
                representatives.add(parsed);
            } else {
                classes.get(joined).add(i);
            }
        }
        return classes;
    }

    private static String tryUnit(String text) {
        try {
            return Normalizer.normalize(text).unit();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static AnswerParser.Parsed tryParse(String text) {
        try {
            return AnswerParser.parse(text);
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /**
     * The strategies in order; several boxes count as one list answer only when the gold is a list. A response that
     * is itself a short bare answer is taken whole before the last-number fallback.
     */
    private static String extract(String response, AnswerParser.Parsed gold, MathOptions options) {
        boolean listGold = gold.answer() instanceof Answer.SetOf set && set.elements().size() > 1;
        if (options.extraction().contains(Extractor.Strategy.BOXED)) {
            // Boxes written as one list answer a list; several distinct values boxed side by side ("\boxed{6} or
            // \boxed{5}") answer a single gold with all of them, never with the last one alone.
            List<String> boxes = Extractor.lastBoxGroup(response);
            List<String> values = listGold ? boxes : boxes.stream().distinct().toList();
            if (values.size() > 1) {
                return String.join(", ", values);
            }
        }
        List<Extractor.Strategy> beforeNumber = new ArrayList<>(options.extraction());
        boolean lastNumber = beforeNumber.remove(Extractor.Strategy.LAST_NUMBER);
        String found = Extractor.extract(response, beforeNumber);
        if (found == null) {
            found = Extractor.bare(response);
        }
        if (found == null && lastNumber) {
            found = Extractor.extract(response, List.of(Extractor.Strategy.LAST_NUMBER));
        }
        return found;
    }

    /**
     * A gold is a bare answer or a full solution whose last \boxed{} is the answer; several $…$ spans with only
     * separators between them are the list of them all. String error text when invalid.
     */
    private static Object parseGold(String gold) {
        String text = gold.length() > MAX_ANSWER_LENGTH * 4 ? gold.substring(0, MAX_ANSWER_LENGTH * 4) : gold;
        List<String> boxes = Extractor.lastBoxGroup(text).stream().distinct().toList();
        String answerText = boxes.isEmpty() ? text : boxes.size() == 1 ? boxes.get(0) : String.join(", ", boxes);
        Character letter = choiceGold(answerText);
        if (letter != null) {
            return new AnswerParser.Parsed(new Answer.Choice(letter), false, false, answerText.strip());
        }
        String spans = boxes.isEmpty() ? Extractor.mathSpanList(text) : null;
        if (spans != null) {
            answerText = spans;
        } else if (boxes.isEmpty() && (text.length() > 200 || text.contains("\n"))) {
            // A reference solution without a box: its answer is found the way a response's is.
            String found = Extractor.extract(text, List.of(Extractor.Strategy.ANSWER_TAG,
                    Extractor.Strategy.FINAL_ANSWER_PHRASE, Extractor.Strategy.LAST_MATH, Extractor.Strategy.LAST_NUMBER));
            answerText = found == null ? text : found;
        }
        String decimal = Normalizer.decimalComma(answerText);
        if (decimal != null && !Normalizer.isCommaList(answerText)) {
            answerText = decimal;
        }
        if (answerText.isBlank() || answerText.length() > MAX_ANSWER_LENGTH) {
            return "invalid";
        }
        try {
            return AnswerParser.parse(answerText);
        } catch (RuntimeException | StackOverflowError e) {
            String normalized = normalizedText(answerText);
            return normalized.isEmpty() ? "invalid" : new AnswerParser.Parsed(new Answer.Text(normalized), false, false, normalized);
        }
    }

    private static final java.util.regex.Pattern CHOICE_GOLD = java.util.regex.Pattern.compile(
            "^\\(?([A-J])\\)?\\.?$|^\\(?([A-J])\\)?\\s+[A-Z][a-z].*$|^.*answer is\\s+\\(?([A-J])\\)?(?![A-Za-z]).*$",
            java.util.regex.Pattern.DOTALL);

    /** "C", "(C)", "C.", "(D) Alina", "C Cecile", "… the answer is (C) Cecile": a letter answer; "x" or "2x" is not. */
    private static Character choiceGold(String gold) {
        String s = gold.strip().replace("$", "").replaceAll("\\\\(?:text|textbf|mathrm)\\{([^{}]*)\\}", "$1").strip();
        java.util.regex.Matcher m = CHOICE_GOLD.matcher(s);
        if (!m.matches()) {
            return null;
        }
        String letter = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        return letter.charAt(0);
    }

    private static String normalizedText(String text) {
        return text.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s$]+", " ").replaceAll("[.]$", "").strip();
    }

    private static MathVerdict verdict(MathVerdict.Status status, String extracted, String answerForm, String goldForm,
                                       Method method, long start) {
        return MathVerdict.of(status, extracted, answerForm, goldForm, method, elapsedMillis(start));
    }

    private static long elapsedMillis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
