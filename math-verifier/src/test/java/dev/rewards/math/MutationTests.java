package dev.rewards.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * Near misses must be rejected: from every gold of the shared corpus, {@link Mutants} makes answers unequal to it
 * by construction, {@link IndependentCheck} drops the few that are equal after all (|3| for 3), and every other
 * one given as the response must not be graded correct. Golds the verifier cannot match even verbatim (prose,
 * choice letters) have no mutants. {@link #main} is the large form, run by {@code ./rewards bench math}.
 */
class MutationTests {

    record Outcome(int golds, int mutants, int dropped, List<String> survivors, Map<String, Integer> byOperator) {
    }

    /** The fast form: ≈5,000 mutants, ≈12 s of CPU. */
    @Test
    void everyMutantOfEveryCorpusGoldIsRejected() throws IOException {
        long start = System.nanoTime();
        Outcome outcome = run(goldAnswers(), Mutants.Size.FAST);
        double seconds = (System.nanoTime() - start) / 1e9;
        int killed = outcome.mutants() - outcome.survivors().size();
        System.out.printf("mutation: %d golds, %d mutants, %d killed = %.2f%% (%d dropped as equal by the independent "
                        + "check) in %.1f s; by operator %s%n", outcome.golds(), outcome.mutants(), killed,
                100.0 * killed / outcome.mutants(), outcome.dropped(), seconds, outcome.byOperator());
        assertThat(outcome.mutants()).isGreaterThanOrEqualTo(5_000);
        assertThat(outcome.survivors()).as("mutants graded correct").isEmpty();
    }

    /** The large form (every digit, more steps): survivors listed, timings of the verifier and the independent check. */
    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Outcome outcome = run(goldAnswers(), Mutants.Size.LARGE);
        int killed = outcome.mutants() - outcome.survivors().size();
        outcome.survivors().forEach(s -> System.out.println("SURVIVOR " + s));
        System.out.printf("mutation: %d golds, %d mutants, %d killed = %.2f%%, %d dropped, %.1f s (%.1f s CPU); %s%n",
                outcome.golds(), outcome.mutants(), killed, 100.0 * killed / outcome.mutants(), outcome.dropped(),
                (System.nanoTime() - start) / 1e9,
                (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9,
                outcome.byOperator());
    }

    static Outcome run(List<String> golds, Mutants.Size size) {
        MathVerifier verifier = new MathVerifier(1_000);
        IndependentCheck check = new IndependentCheck();
        int used = 0;
        int mutants = 0;
        int dropped = 0;
        List<String> survivors = new ArrayList<>();
        Map<String, Integer> byOperator = new TreeMap<>();
        long checking = 0;
        long verifying = 0;
        for (String gold : golds) {
            if (!verifier.verify("\\boxed{" + gold + "}", gold, MathOptions.DEFAULTS).status().equals(MathVerdict.CORRECT)) {
                continue;
            }
            used++;
            for (Mutants.Mutant mutant : Mutants.of(gold, size)) {
                long t0 = System.nanoTime();
                IndependentCheck.Result independent = check.compare(gold, mutant.text());
                checking += System.nanoTime() - t0;
                if (independent == IndependentCheck.Result.EQUAL) {
                    dropped++;
                    continue;
                }
                mutants++;
                byOperator.merge(mutant.operator(), 1, Integer::sum);
                long t1 = System.nanoTime();
                MathVerdict verdict = verifier.verify("\\boxed{" + mutant.text() + "}", gold, MathOptions.DEFAULTS);
                verifying += System.nanoTime() - t1;
                if (verdict.status().equals(MathVerdict.CORRECT)) {
                    survivors.add(mutant.operator() + ": " + mutant.text() + " accepted for gold " + gold);
                }
            }
        }
        System.out.printf("independent check %.1f s, verifier %.1f s%n", checking / 1e9, verifying / 1e9);
        return new Outcome(used, mutants, dropped, survivors, byOperator);
    }

    /** The answer of each distinct gold: its last box, or the gold without math delimiters; prose is left out. */
    static List<String> goldAnswers() throws IOException {
        Set<String> answers = new LinkedHashSet<>();
        for (MathCorpus.Case c : MathCorpus.cases()) {
            String gold = c.gold();
            String box = lastBox(gold);
            String answer = (box != null ? box : gold).replace("$$", "").replace("$", "").replace("\\(", "")
                    .replace("\\)", "").replace("\\[", "").replace("\\]", "").strip();
            if (answer.isEmpty() || answer.length() > 150 || answer.contains("\n")
                    || answer.replaceAll("\\\\[A-Za-z]+", "").matches(".*[A-Za-z]{2,}.*")
                    || answer.matches("\\(?[A-J]\\)?\\.?")) {
                continue;
            }
            answers.add(answer);
        }
        return new ArrayList<>(answers);
    }

    private static String lastBox(String text) {
        int at = text.lastIndexOf("\\boxed{");
        if (at < 0) {
            return null;
        }
        int depth = 0;
        for (int i = at + 6; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(at + 7, i);
            }
        }
        return null;
    }
}
