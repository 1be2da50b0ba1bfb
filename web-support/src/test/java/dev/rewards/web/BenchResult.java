package dev.rewards.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a benchmark, printed as an {@code @result {json}} line beside the benchmark's own table;
 * {@code ./rewards bench} collects these into one table and {@code bench/results/<date>-<commit>.json}.
 */
public final class BenchResult {

    private BenchResult() {
    }

    /**
     * @param throughput units per second ({@code unit}: what is counted)
     * @param baseline   the same work's throughput on the baseline path (plain processes, direct calls), or null
     */
    public static void emit(String bench, String workload, double throughput, String unit, Double p50Ms, Double p99Ms,
                            Double baseline, String baselineName, Long heapMb) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("bench", bench);
        row.put("workload", workload);
        row.put("throughput", round(throughput));
        row.put("unit", unit);
        row.put("p50_ms", p50Ms == null ? null : round(p50Ms));
        row.put("p99_ms", p99Ms == null ? null : round(p99Ms));
        row.put("baseline", baseline == null ? null : round(baseline));
        row.put("baseline_name", baselineName);
        row.put("ratio", baseline == null || baseline == 0 ? null : round(throughput / baseline));
        row.put("heap_mb", heapMb);
        System.out.println("@result " + WireJson.MAPPER.writeValueAsString(row));
    }

    /** Heap in use after a full GC, in MB. */
    public static long heapAfterGcMb() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
