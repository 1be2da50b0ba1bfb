package dev.rewards.math;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./rewards bench math}: the shared corpus replayed as a GRPO workload — each gold with 16 responses (its own
 * case's response and 15 others drawn from the corpus, boxed) — at 1 thread and all cores. Warm-up 5 s, then 10 s
 * measured per row; p50/p99 per verification; heap after GC.
 */
public final class MathBench {

    private MathBench() {
    }

    record Item(String response, String gold) {
    }

    public static void main(String[] args) throws Exception {
        List<MathCorpus.Case> cases = MathCorpus.cases();
        List<Item> items = new ArrayList<>();
        java.util.Random random = new java.util.Random(1);
        for (MathCorpus.Case c : cases) {
            items.add(new Item(c.pred(), c.gold()));
            for (int k = 0; k < 15; k++) {
                items.add(new Item("\\boxed{" + cases.get(random.nextInt(cases.size())).gold() + "}", c.gold()));
            }
        }
        MathVerifier.warmUp();
        MathVerifier verifier = new MathVerifier(10_000);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("%-10s %-40s %12s %9s %9s%n", "benchmark", "workload", "verif/s", "p50 ms", "p99 ms");
        for (int threads : new int[] {1, cores}) {
            run(verifier, items, threads, 5_000);
            double[] r = run(verifier, items, threads, 10_000);
            System.out.printf("%-10s %-40s %,12.0f %9.3f %9.3f%n", "math",
                    "GRPO 16 responses/gold, " + threads + " thread(s)", r[0], r[1], r[2]);
            dev.rewards.web.BenchResult.emit("math", "GRPO 16 responses/gold, core, " + threads + " thread(s)", r[0],
                    "verifications", r[1], r[2], null, null, null);
        }
        long heap = dev.rewards.web.BenchResult.heapAfterGcMb();
        System.out.printf("heap after GC: %,d MB%n", heap);
        dev.rewards.web.BenchResult.emit("math", "heap after GC (verifier warm)", 0, "-", null, null, null, null, heap);
        System.out.println("targets (warm, 2 cores): p50 ≤ 1 ms, p99 ≤ 20 ms, ≥ 2,000 verifications/s on all cores");
        long start = System.nanoTime();
        MutationTests.Outcome mutation = MutationTests.run(MutationTests.goldAnswers(), Mutants.Size.LARGE);
        double seconds = (System.nanoTime() - start) / 1e9;
        int killed = mutation.mutants() - mutation.survivors().size();
        mutation.survivors().forEach(s -> System.out.println("surviving mutant: " + s));
        System.out.printf("mutation harness (large form): %,d mutants of %d corpus golds, %,d killed = %.2f%%, %.0f s%n",
                mutation.mutants(), mutation.golds(), killed, 100.0 * killed / mutation.mutants(), seconds);
        dev.rewards.web.BenchResult.emit("math", String.format("mutation harness: %d near-miss mutants, kill rate %.2f%%",
                mutation.mutants(), 100.0 * killed / mutation.mutants()), mutation.mutants() / seconds, "mutants",
                null, null, null, null, null);
    }

    private static double[] run(MathVerifier verifier, List<Item> items, int threads, long millis) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long deadline = System.nanoTime() + millis * 1_000_000L;
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 997;
            futures.add(pool.submit(() -> {
                long[] latencies = new long[4_000_000];
                int n = 0;
                for (int i = offset; System.nanoTime() < deadline && n < latencies.length; i++) {
                    Item item = items.get(i % items.size());
                    long start = System.nanoTime();
                    verifier.verify(item.response(), item.gold(), MathOptions.DEFAULTS);
                    latencies[n++] = System.nanoTime() - start;
                }
                return java.util.Arrays.copyOf(latencies, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            for (long l : f.get()) {
                all.add(l);
            }
        }
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new double[] {sorted.length / (millis / 1000.0), sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6};
    }
}
