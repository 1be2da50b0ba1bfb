package dev.rewards.format;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

/**
 * {@code ./rewards bench format}: single-thread checks/s on 4 KiB R1-format responses with every soft check on.
 * Warm-up 3 s, then ten windows of 0.5 s; prints the median window with the slowest and fastest next to it. The
 * median, because on a shared virtual machine the same loop's rate moves by ±20 % from one second to the next, and a
 * mean over one stretch reports the neighbours' load as much as this code.
 */
public final class FormatBench {

    private FormatBench() {
    }

    public static void main(String[] args) {
        // 32 distinct responses stay in cache, as a response just decoded from the request body does.
        List<FormatCheck> checks = responses(32, 4096);
        FormatChecker checker = new FormatChecker();
        run(checker, checks, 3_000_000_000L);
        double[] windows = new double[10];
        for (int w = 0; w < windows.length; w++) {
            long[] result = run(checker, checks, 500_000_000L);
            windows[w] = result[0] / (result[1] / 1e9);
        }
        java.util.Arrays.sort(windows);
        double perSecond = (windows[4] + windows[5]) / 2;
        System.out.printf("%-10s %-44s %12s %21s%n", "benchmark", "workload", "checks/s", "slowest–fastest 0.5 s");
        System.out.printf("%-10s %-44s %,12.0f %,10.0f–%,10.0f%n", "format", "4 KiB R1 responses, all soft checks, 1 thread",
                perSecond, windows[0], windows[windows.length - 1]);
        dev.rewards.web.BenchResult.emit("format", "4 KiB R1 responses, all soft checks, 1 thread", perSecond, "checks",
                null, null, null, null, null);
        System.out.printf("target ≥ 50,000 checks/s: %s%n", perSecond >= 50_000 ? "met" : "NOT met");
    }

    private static long[] run(FormatChecker checker, List<FormatCheck> checks, long nanos) {
        long start = System.nanoTime();
        long count = 0;
        double sink = 0;
        while (System.nanoTime() - start < nanos) {
            for (FormatCheck check : checks) {
                sink += checker.check(check).soft().size();
                count++;
            }
        }
        if (sink < 0) {
            System.out.println(sink);
        }
        return new long[] {count, System.nanoTime() - start};
    }

    static List<FormatCheck> responses(int count, int bytes) {
        String[] words = ("we need to find the value of x so first compute the sum then divide by two and check "
                + "whether the result satisfies the equation next consider the other case finally combine both").split(" ");
        Random random = new Random(42);
        List<FormatCheck> checks = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            StringBuilder think = new StringBuilder();
            int step = 1;
            while (think.length() < bytes - 64) {
                if (random.nextInt(40) == 0) {
                    think.append("\nStep ").append(step++).append(": ");
                }
                think.append(words[random.nextInt(words.length)]).append(' ');
            }
            String response = "<think>\n" + think + "\n</think>\n<answer>\n42\n</answer>";
            checks.add(new FormatCheck(response, Template.R1, false, EnumSet.allOf(SoftCheck.class),
                    new SoftParams(3, -1, response.length() / 4, 1024, 256, 1.0)));
        }
        return checks;
    }
}
