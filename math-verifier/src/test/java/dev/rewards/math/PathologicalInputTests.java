package dev.rewards.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Hostile answers get a verdict within the deadline, and nothing keeps computing afterwards: process CPU over the
 * following second must be near idle (an abandoned Symja evaluation would burn a whole core).
 */
class PathologicalInputTests {

    private static final MathOptions OPTIONS = new MathOptions(null, 1e-6, 2000, "either", true);
    private static final Duration DEADLINE = Duration.ofMillis(OPTIONS.timeoutMs() + 1000);

    @Test
    void hostileAnswersGetAVerdictInTimeAndLeaveTheCpuIdle() throws Exception {
        MathVerifier verifier = new MathVerifier(100);
        String deepFraction = "\\frac{1}{".repeat(1000) + "2" + "}".repeat(1000);
        List<String[]> cases = List.of(
                new String[] {"\\boxed{9^{9^{9^{9}}}}", "1"},
                new String[] {"\\boxed{10^{10^{10}}!}", "5"},
                new String[] {"\\boxed{" + deepFraction + "}", "1/2"},
                new String[] {"\\boxed{" + "1+".repeat(50_000) + "1}", "3"},
                new String[] {"\\boxed{{{{{{{{(((1}", "1"},
                new String[] {"\\boxed{\\def\\x{\\x\\x}\\x}", "2"},
                new String[] {"\\boxed{\\newcommand{\\a}{\\a\\a}\\a}", "2"},
                new String[] {"\\boxed{2^{2^{2^{2^{2^{2}}}}}}", "2^{2^{2^{2^{2^{2}}}}}"},
                new String[] {"\\boxed{(2^{983}-1)!}", "3"},
                new String[] {"\\boxed{\\frac{1}{2^{1000000}}}", "0"},
                new String[] {"\\boxed{x^{100000}-1}", "(x-1)(x+1)"});
        for (String[] c : cases) {
            long start = System.nanoTime();
            MathVerdict verdict = verifier.verify(c[0], c[1], OPTIONS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as(c[0].substring(0, Math.min(40, c[0].length())) + " → " + verdict).isLessThan(DEADLINE);
            assertThat(verdict.status()).isIn(MathVerdict.CORRECT, MathVerdict.INCORRECT, MathVerdict.TIMEOUT,
                    MathVerdict.NO_ANSWER);
        }
        assertThat(verifier.verify("\\boxed{2^{2^{2^{2^{2^{2}}}}}}", "2^{2^{2^{2^{2^{2}}}}}", OPTIONS).status())
                .isEqualTo(MathVerdict.CORRECT);
        assertThat(verifier.verify("\\boxed{9^{9^{9^{9}}}}", "10^{10^{10}}", OPTIONS).status())
                .isIn(MathVerdict.TIMEOUT, MathVerdict.INCORRECT);
        // An abandoned evaluation would keep one Java thread busy: ≈2,000 ms of CPU in the 2 s window. Only Java
        // threads are counted: after a whole suite in the same JVM, GC and JIT threads alone spent 700–1,300 ms of
        // process CPU in this window (with 6 ms on Java threads), which says nothing about abandoned work.
        Thread.sleep(500);
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> before = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            before.put(id, threads.getThreadCpuTime(id));
        }
        Thread.sleep(2000);
        long cpuNanos = 0;
        for (long id : threads.getAllThreadIds()) {
            long now = threads.getThreadCpuTime(id);
            if (now >= 0) {
                cpuNanos += now - before.getOrDefault(id, 0L);
            }
        }
        System.out.printf("Java-thread CPU in the 2 s after the hostile inputs: %d ms%n", cpuNanos / 1_000_000);
        assertThat(cpuNanos).as("CPU time in the idle window").isLessThan(800_000_000L);
    }
}
