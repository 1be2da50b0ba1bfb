package dev.rewards.language;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./rewards bench language}: CoTs/s for 2,000-word chains of thought on all cores, with the default language
 * set: (a) English with ≈5% Chinese sentences mixed in, (b) German with English technical terms. Sentences come
 * from the shared language corpus, shuffled per CoT. Warm-up 5 s, then 10 s measured; heap after a full GC.
 */
public final class LanguageBench {

    private static final String[] ENGLISH_TERMS = {"gradient descent", "loss function", "learning rate", "batch size",
            "overfitting", "backpropagation", "dropout", "embedding"};

    private LanguageBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> en = sentences("en");
        List<String> zh = sentences("zh");
        List<String> de = sentences("de");
        Random random = new Random(7);
        List<String> englishCots = new ArrayList<>();
        List<String> germanCots = new ArrayList<>();
        double[] englishTruth = new double[2];
        double[] germanTruth = new double[2];
        for (int i = 0; i < 64; i++) {
            englishCots.add(cot(en, zh, 0.05, random, englishTruth));
            germanCots.add(germanWithTerms(de, random, germanTruth));
        }
        LanguageScorer scorer = SharedScorer.SCORER;
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("%-10s %-44s %10s %10s %10s %10s%n", "benchmark", "workload", "CoTs/s", "p50 ms", "ratio",
                "built");
        for (Object[] workload : new Object[][] {{"en + 5% zh, 2,000 words", englishCots, "en", englishTruth},
                {"de + English terms, 2,000 words", germanCots, "de", germanTruth}}) {
            @SuppressWarnings("unchecked")
            List<String> cots = (List<String>) workload[1];
            String target = (String) workload[2];
            measure(scorer, cots, target, threads, 5_000);
            double[] result = measure(scorer, cots, target, threads, 10_000);
            double ratio = cots.stream().mapToDouble(c -> scorer.score(c, target, Scope.ALL).score()).average().orElse(0);
            double[] truth = (double[]) workload[3];
            System.out.printf("%-10s %-44s %,10.0f %10.2f %10.3f %10.3f%n", "language",
                    workload[0] + " (" + threads + " threads)", result[0], result[1], ratio, truth[0] / truth[1]);
            dev.rewards.web.BenchResult.emit("language", workload[0] + " (" + threads + " threads)", result[0], "CoTs",
                    result[1], null, null, null, null);
        }
        long heap = dev.rewards.web.BenchResult.heapAfterGcMb();
        System.out.printf("heap after GC with the detector loaded: %,d MB (target ≤ 512 MB)%n", heap);
        dev.rewards.web.BenchResult.emit("language", "heap after GC (detector loaded)", 0, "-", null, null, null, null,
                heap);
        System.out.println("targets: ≥ 200 CoTs/s on all cores");
    }

    private static double[] measure(LanguageScorer scorer, List<String> cots, String target, int threads, long millis)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            futures.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                for (int i = offset; System.nanoTime() < deadline; i++) {
                    long start = System.nanoTime();
                    scorer.score(cots.get(i % cots.size()), target, Scope.ALL);
                    latencies.add(System.nanoTime() - start);
                    done.incrementAndGet();
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> future : futures) {
            all.addAll(future.get());
        }
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new double[] {done.get() / (millis / 1000.0), sorted[sorted.length / 2] / 1e6};
    }

    /** truth accumulates {target words, all words} by construction: each sentence's words are of its own language. */
    private static String cot(List<String> main, List<String> mixed, double mixedShare, Random random, double[] truth) {
        StringBuilder out = new StringBuilder();
        int words = 0;
        while (words < 2000) {
            boolean useMixed = random.nextDouble() < mixedShare * 0.6;
            String sentence = (useMixed ? mixed : main).get(random.nextInt((useMixed ? mixed : main).size()));
            out.append(sentence).append(random.nextInt(6) == 0 ? "\n\n" : " ");
            int count = wordCount(sentence);
            words += count;
            truth[0] += useMixed ? 0 : count;
            truth[1] += count;
        }
        return out.toString();
    }

    private static int wordCount(String text) {
        return SharedScorer.SCORER.score(text, "en", Scope.ALL).totalWords();
    }

    /** truth counts the inserted English terms as English, which sentence-level attribution cannot see. */
    private static String germanWithTerms(List<String> german, Random random, double[] truth) {
        StringBuilder out = new StringBuilder();
        int words = 0;
        while (words < 2000) {
            String original = german.get(random.nextInt(german.size()));
            String[] sentence = original.split(" ");
            int at = random.nextInt(sentence.length);
            String term = ENGLISH_TERMS[random.nextInt(ENGLISH_TERMS.length)];
            sentence[at] = sentence[at] + " " + term;
            out.append(String.join(" ", sentence)).append(' ');
            int germanWords = wordCount(original);
            int termWords = wordCount(term);
            words += germanWords + termWords;
            truth[0] += germanWords;
            truth[1] += germanWords + termWords;
        }
        return out.toString();
    }

    /** Sentences of one language, taken from the monolingual passages of the shared corpus. */
    private static List<String> sentences(String language) throws IOException {
        try (InputStream in = LanguageBench.class.getResourceAsStream("/corpus/language-cases.jsonl")) {
            JsonMapper mapper = JsonMapper.builder().build();
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = mapper.readTree(line);
                JsonNode counts = row.get("word_counts");
                if (counts.size() == 1 && counts.has(language)) {
                    String text = row.get("text").asString();
                    String[] parts = language.equals("zh") ? text.split("(?<=。)") : text.split("(?<=[.!?]) ");
                    Arrays.stream(parts).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
                }
            }
            return out;
        }
    }
}
