package dev.drainboard.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged embedded message store stops the start instead of silently becoming an empty queue. */
class EmbeddedSqsStoreTest {

    @Test
    void aDamagedStoreIsReportedAndLeftAsItWas(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("elasticmq");
        Files.createDirectories(store);
        byte[] garbage = new byte[64 * 1024];
        Arrays.fill(garbage, (byte) 0x5A);
        Files.write(store.resolve("messages.mv.db"), garbage);

        assertThatThrownBy(() -> EmbeddedSqs.start(0, store))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("messages.mv.db cannot be read")
                .hasMessageContaining("move it aside");

        assertThat(Files.readAllBytes(store.resolve("messages.mv.db"))).isEqualTo(garbage);
    }

    @Test
    void aHealthyStorePassesTheCheckAfterACleanStop(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("elasticmq");
        try (EmbeddedSqs sqs = EmbeddedSqs.start(0, store)) {
            assertThat(sqs.endpoint().getHost()).isEqualTo("127.0.0.1");
        }
        EmbeddedSqs.checkStore(store);
    }
}
