package dev.drainboard.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the receive count means, said the way the preview and the CLI say it. */
class QueueSetupTest {

    @Test
    void withARedrivePolicyTheCountIsSaidAgainstTheLimitAndTheLastReceiveIsTheLimit() {
        QueueSetup q = new QueueSetup("logins.fifo", true, "logins-dead.fifo", true, 5);

        assertThat(q.receiveCountText(2)).isEqualTo("2 of 5 receives before SQS moves it to logins-dead.fifo");
        assertThat(q.kind()).isEqualTo("FIFO");
        assertThat(q.releaseReachesLimit(4)).isFalse();
        assertThat(q.releaseReachesLimit(5)).isTrue();
    }

    @Test
    void withoutARedrivePolicyNothingIsAtALimit() {
        QueueSetup q = QueueSetup.standard("login-queue");

        assertThat(q.receiveCountText(3)).isEqualTo("received 3×");
        assertThat(q.deadLetterQueue()).isEqualTo("login-queue-dlq");
        assertThat(q.releaseReachesLimit(100)).isFalse();
    }
}
