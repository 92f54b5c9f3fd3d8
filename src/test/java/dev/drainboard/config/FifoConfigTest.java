package dev.drainboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Queue names: FIFO names accepted on a server of one's own, refused on the embedded queue store. */
class FifoConfigTest {

    private static AppConfig load(Map<ConfigKey, String> flags) {
        return new ConfigLoader(flags, Map.of(), new Properties()).load();
    }

    @Test
    void aFifoQueueNameIsAcceptedOnAnExternalServerAndItsDeadLetterQueueEndsInFifo() {
        AppConfig c = load(Map.of(ConfigKey.QUEUE, "logins.fifo", ConfigKey.SQS_ENDPOINT, "http://localhost:4566"));

        assertThat(c.queue()).isEqualTo("logins.fifo");
        assertThat(c.deadLetterQueue()).isEqualTo("logins-dlq.fifo");
    }

    @Test
    void aFifoQueueNameIsAcceptedOnRealAws() {
        assertThat(load(Map.of(ConfigKey.QUEUE, "logins.fifo", ConfigKey.SQS_ENDPOINT, "aws")).queue())
                .isEqualTo("logins.fifo");
    }

    @Test
    void aFifoQueueOnTheEmbeddedQueueStoreIsRefusedWithTheReasonAndTheWayOut() {
        assertThatThrownBy(() -> load(Map.of(ConfigKey.QUEUE, "logins.fifo")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("embedded queue cannot keep a FIFO queue's order across a restart")
                .hasMessageContaining("DRAINBOARD_SQS_ENDPOINT");
    }

    @Test
    void namesThatSqsWouldRefuseAreRefusedAtStart() {
        assertThatThrownBy(() -> load(Map.of(ConfigKey.QUEUE, "a".repeat(72) + ".fifo",
                ConfigKey.SQS_ENDPOINT, "aws"))).hasMessageContaining("1-71");
        assertThatThrownBy(() -> load(Map.of(ConfigKey.QUEUE, "log.ins", ConfigKey.SQS_ENDPOINT, "aws")))
                .hasMessageContaining("ends in '.fifo'");
        assertThat(ConfigLoader.validQueueName("a".repeat(71) + ".fifo")).isTrue();
        assertThat(ConfigLoader.validQueueName("a".repeat(76))).isTrue();
    }
}
