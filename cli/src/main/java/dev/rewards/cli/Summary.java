package dev.rewards.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.rewards.gateway.Composition;

/**
 * The figures of a graded run. With k responses per problem: pass@1 is the mean over problems of c/n; pass@k the
 * unbiased estimator 1 − C(n−c, k)/C(n, k) (Chen et al. 2021) averaged over problems with n ≥ k; cons@k the
 * majority vote over a problem's first k responses, answers grouped by mathematical equivalence (the
 * math-verifier's clustering) — the largest group wins, a tie goes to the group whose first member came first, and
 * the vote is correct when that member's verdict is. Responses without an extracted answer do not vote; a problem
 * where none has one counts as wrong. cons@k covers math problems only (code answers have no equivalence classes).
 * Every response is exactly one of scored, unscorable (reward null by nature) and unavailable, as its output line's
 * {@code status} says; not applicable counts the scored ones with a component that had nothing to judge.
 */
record Summary(int responses, int problems, int badLines, int scored, int notApplicable, int unscorable,
               int unavailable, Double accuracy, Double formatRate,
               Double languageMean, Integer k, Double passAt1, Double passAtK, int passAtKProblems, Double consAtK,
               int consAtKProblems, double seconds) {

    /** Groups answers into equivalence classes (lists of indices), as {@code MathVerifier.cluster} does. */
    interface Clustering extends Function<List<String>, List<List<Integer>>> {
    }

    static Summary of(List<Graded> graded, int badLines, Integer requestedK, Clustering clustering, double seconds) {
        Map<String, List<Graded>> byProblem = new LinkedHashMap<>();
        graded.forEach(g -> byProblem.computeIfAbsent(g.response().problemId(), p -> new ArrayList<>()).add(g));
        int scored = (int) graded.stream().filter(g -> g.kind() == Composition.Kind.SCORED).count();
        int notApplicable = (int) graded.stream().filter(Graded::notApplicable).count();
        int unscorable = (int) graded.stream().filter(g -> g.kind() == Composition.Kind.UNSCORABLE).count();
        int unavailable = (int) graded.stream().filter(g -> g.kind() == Composition.Kind.UNAVAILABLE).count();
        Double accuracy = mean(graded.stream().filter(Graded::hasAccuracy).map(g -> g.correct() ? 1.0 : 0.0).toList());
        Double formatRate = mean(graded.stream().map(Graded::formatValid).filter(v -> v != null)
                .map(v -> v ? 1.0 : 0.0).toList());
        Double languageMean = mean(graded.stream().map(Graded::language).filter(v -> v != null).toList());

        List<List<Graded>> scoredProblems = byProblem.values().stream()
                .map(list -> list.stream().filter(Graded::hasAccuracy).toList()).filter(list -> !list.isEmpty()).toList();
        Integer k = requestedK != null ? requestedK
                : scoredProblems.stream().map(List::size).min(Comparator.naturalOrder()).orElse(null);
        Double passAt1 = mean(scoredProblems.stream().map(list -> correct(list) / (double) list.size()).toList());
        List<Double> passAtK = new ArrayList<>();
        List<Double> consAtK = new ArrayList<>();
        if (k != null) {
            for (List<Graded> list : scoredProblems) {
                if (list.size() < k) {
                    continue;
                }
                passAtK.add(passAtK(list.size(), correct(list), k));
                if (list.get(0).response().sample().task().equals("math")) {
                    consAtK.add(majorityCorrect(list.subList(0, k), clustering) ? 1.0 : 0.0);
                }
            }
        }
        return new Summary(graded.size(), byProblem.size(), badLines, scored, notApplicable, unscorable, unavailable,
                accuracy, formatRate, languageMean,
                k, passAt1, mean(passAtK), passAtK.size(), mean(consAtK), consAtK.size(), seconds);
    }

    /** 1 − C(n−c, k)/C(n, k), as the numerically stable product of Chen et al. */
    static double passAtK(int n, int c, int k) {
        if (k <= 0 || k > n) {
            throw new IllegalArgumentException("pass@k needs 0 < k ≤ n, got k=" + k + ", n=" + n);
        }
        if (n - c < k) {
            return 1.0;
        }
        double allWrong = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            allWrong *= 1.0 - (double) k / i;
        }
        return 1.0 - allWrong;
    }

    static boolean majorityCorrect(List<Graded> responses, Clustering clustering) {
        List<String> answers = new ArrayList<>();
        List<Integer> voters = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            String answer = responses.get(i).answer();
            if (answer != null) {
                answers.add(answer);
                voters.add(i);
            }
        }
        if (answers.isEmpty()) {
            return false;
        }
        List<Integer> winner = null;
        int winnerFirst = Integer.MAX_VALUE;
        for (List<Integer> group : clustering.apply(answers)) {
            int first = group.stream().mapToInt(voters::get).min().orElseThrow();
            if (winner == null || group.size() > winner.size()
                    || group.size() == winner.size() && first < winnerFirst) {
                winner = group;
                winnerFirst = first;
            }
        }
        return responses.get(winnerFirst).correct();
    }

    private static int correct(List<Graded> list) {
        return (int) list.stream().filter(Graded::correct).count();
    }

    private static Double mean(List<Double> values) {
        return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("responses", responses);
        map.put("problems", problems);
        map.put("bad_lines", badLines);
        map.put("scored", scored);
        map.put("not_applicable", notApplicable);
        map.put("unscorable", unscorable);
        map.put("unavailable", unavailable);
        map.put("accuracy", accuracy);
        map.put("format_rate", formatRate);
        map.put("language_mean", languageMean);
        map.put("k", k);
        map.put("pass_at_1", passAt1);
        map.put("pass_at_k", passAtK);
        map.put("pass_at_k_problems", passAtKProblems);
        map.put("cons_at_k", consAtK);
        map.put("cons_at_k_problems", consAtKProblems);
        map.put("seconds", Math.round(seconds * 10) / 10.0);
        return map;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        row(out, "responses", String.valueOf(responses));
        row(out, "problems", String.valueOf(problems));
        row(out, "bad input lines (skipped)", String.valueOf(badLines));
        row(out, "scored (reward a number)", String.valueOf(scored));
        row(out, "  of which not applicable", notApplicable + "  (language: no words, counted consistent)");
        row(out, "cannot be scored (null)", unscorable + "  (e.g. invalid gold)");
        row(out, "unavailable (reward null)", String.valueOf(unavailable));
        row(out, "accuracy", percent(accuracy));
        row(out, "format rate", percent(formatRate));
        row(out, "mean language consistency", languageMean == null ? "-" : String.format("%.3f", languageMean));
        row(out, "pass@1 (mean over k)", percent(passAt1));
        if (k != null) {
            row(out, "pass@" + k, percent(passAtK) + "  (" + passAtKProblems + " problems)");
            row(out, "cons@" + k + " (equivalence vote)", percent(consAtK) + "  (" + consAtKProblems + " math problems)");
        }
        row(out, "time", String.format("%.1f s (%.0f responses/s)", seconds, seconds > 0 ? responses / seconds : 0));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format("  %-28s %s%n", name, value));
    }

    private static String percent(Double value) {
        return value == null ? "-" : String.format("%.2f%%", 100 * value);
    }
}
