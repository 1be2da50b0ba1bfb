package dev.rewards.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.rewards.code.docker.DockerSandbox;

/** The submissions the fault tests run, and what every engine outage must look like from the sandbox's side. */
final class EngineOutages {

    private static final String SLOW_ECHO = "import time, sys\ntime.sleep(4)\nprint(sys.stdin.read().strip())";

    private EngineOutages() {
    }

    /** Runs long enough to be cut in the middle. */
    static CodeSubmission slowEcho() {
        return new CodeSubmission("slow", Language.PYTHON, null, SLOW_ECHO,
                new TestSuite.Stdio(List.of(new TestSuite.StdioCase("42", "42"))), new CodeLimits(8000, 128, 64),
                null, true, true);
    }

    static CodeSubmission quick() {
        return new CodeSubmission("quick", Language.PYTHON, null, "print(int(input()) * 2)",
                new TestSuite.Stdio(List.of(new TestSuite.StdioCase("21", "42"))), new CodeLimits(2000, 128, 64),
                null, true, true);
    }

    /** A step of the test that may throw. */
    interface Step {
        void run() throws Exception;
    }

    /**
     * With the engine up, a submission passes; {@code outage} happens while a slow one runs, which must end as
     * {@link SandboxUnavailableException} (a 503, never a verdict), readiness must turn DOWN and new work fail the same
     * way; after {@code recovery} the sandbox must serve again and report ready, within 90 s.
     */
    static void assertOutageAndRecovery(DockerSandbox sandbox, Step outage, Step recovery) throws Exception {
        CodeJudge judge = new CodeJudge(sandbox, LimitPolicy.STANDARD);
        assertThat(judge.verify(quick()).status()).isEqualTo(Verdict.ACCEPTED);
        assertThat(sandbox.ready()).isTrue();

        CompletableFuture<CodeResult> inFlight = CompletableFuture.supplyAsync(() -> judge.verify(slowEcho()));
        Thread.sleep(1500);
        outage.run();
        assertThatThrownBy(() -> {
            try {
                inFlight.get(90, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        }).as("in-flight work ends as retryable (503), never as a verdict")
                .isInstanceOf(SandboxUnavailableException.class);
        assertThat(sandbox.ready()).as("readiness reflects the outage").isFalse();
        assertThatThrownBy(() -> judge.verify(quick())).isInstanceOf(SandboxUnavailableException.class);

        recovery.run();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        CodeResult after = null;
        while (after == null) {
            try {
                after = judge.verify(quick());
            } catch (SandboxUnavailableException stillDown) {
                assertThat(System.nanoTime()).as("service returns after the engine").isLessThan(deadline);
                Thread.sleep(500);
            }
        }
        assertThat(after.status()).isEqualTo(Verdict.ACCEPTED);
        while (!sandbox.ready()) {
            assertThat(System.nanoTime()).as("readiness returns").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
