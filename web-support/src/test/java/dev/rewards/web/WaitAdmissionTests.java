package dev.rewards.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The expected-wait estimate: one outlier task must not refuse later small batches. */
class WaitAdmissionTests {

    private static void ran(WaitAdmission admission, Duration took) {
        WaitAdmission.Ticket ticket = admission.enter();
        ticket.start();
        ticket.finished(System.nanoTime() - took.toNanos());
    }

    @Test
    void aTaskThatRanForTheWholeDeadlineDoesNotRefuseTheNextSmallBatch() {
        WaitAdmission admission = new WaitAdmission("The sandboxes are", 4, Duration.ofSeconds(20));
        for (int i = 0; i < 5; i++) {
            ran(admission, Duration.ofMillis(300));
        }
        // A job that hit the service's 10-minute deadline and kept running.
        ran(admission, Duration.ofMinutes(10));
        List<WaitAdmission.Ticket> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(admission.enter());
        }
        assertThat(admission.waiting()).isEqualTo(4);
        batch.forEach(WaitAdmission.Ticket::leave);
        assertThat(admission.waiting()).isZero();
    }

    @Test
    void aLongQueueOfLongTasksIsStillRefused() {
        WaitAdmission admission = new WaitAdmission("The sandboxes are", 1, Duration.ofSeconds(1));
        ran(admission, Duration.ofMillis(600));
        admission.enter();
        admission.enter();
        assertThatThrownBy(admission::enter).isInstanceOf(ServiceSaturatedException.class)
                .hasMessageContaining("would wait about");
    }

    @Test
    void anUnboundedEntryIsNeverRefusedButCountsAsWaiting() {
        WaitAdmission admission = new WaitAdmission("The sandboxes are", 1, Duration.ofSeconds(1));
        ran(admission, Duration.ofMillis(900));
        for (int i = 0; i < 5; i++) {
            admission.enterUnbounded();
        }
        assertThat(admission.waiting()).isEqualTo(5);
        assertThatThrownBy(admission::enter).isInstanceOf(ServiceSaturatedException.class);
    }
}
