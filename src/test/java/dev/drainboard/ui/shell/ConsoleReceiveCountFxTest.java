package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.config.ConfigKey;
import dev.drainboard.source.SqsClients;
import dev.drainboard.support.Messages;
import dev.drainboard.support.TestServers;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.preview.PreviewRow;
import java.nio.file.Path;
import java.util.Map;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A queue with its own redrive policy (maxReceiveCount 3) on real ElasticMQ: the preview shows each
 * receive against the limit, Release goes through twice without a question and asks before the
 * release after which SQS would move the message to the dead-letter queue.
 */
class ConsoleReceiveCountFxTest {
    static final int MAX = 3;

    @TempDir
    static Path dataDir;
    static ConsoleFxHarness fx;
    static String queue;
    static String deadLetters;

    @BeforeAll
    static void openConsoleOnAQueueWithARedrivePolicy() throws Exception {
        queue = TestServers.freshQueue();
        deadLetters = queue + "-team-dead";
        try (SqsClient sqs = SqsClients.client(TestServers.config(), TestServers.sqs().endpoint(), 2)) {
            String dlq = sqs.createQueue(b -> b.queueName(deadLetters)).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String url = sqs.createQueue(b -> b.queueName(queue).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"" + MAX + "\"}"))).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(Messages.login("fay", "10.6.6.6", "f-6")));
        }
        fx = ConsoleFxHarness.open(dataDir, Map.of(ConfigKey.SQS_ENDPOINT, TestServers.sqs().endpoint().toString(),
                ConfigKey.QUEUE, queue, ConfigKey.WAIT_SECONDS, "0"), 1280, 800);
    }

    @AfterAll
    static void closeConsole() throws Exception {
        fx.close();
    }

    private PreviewRow fetchOne() {
        fx.click("#fetch");
        fx.until(() -> fx.previewSize() == 1);
        return fx.<PreviewRow>items("#preview-table").get(0);
    }

    @Test
    void previewShowsTheReceiveCountAndReleaseAsksBeforeTheLastReceive() {
        fx.until(() -> fx.text("#dlq-label").equals("Dead letters: " + deadLetters));
        assertThat(fx.text("#queue-label")).isEqualTo("Queue · standard");

        for (int i = 1; i < MAX; i++) {
            PreviewRow row = fetchOne();
            assertThat(row.receiveCount()).isEqualTo(i);
            assertThat(row.receives()).isEqualTo(i + " of " + MAX + " receives before SQS moves it to " + deadLetters);
            fx.click("#release");
            fx.until(() -> fx.items("#preview-table").isEmpty() && fx.model.state() == ConsoleState.IDLE);
        }
        PreviewRow last = fetchOne();
        assertThat(last.receives()).isEqualTo(MAX + " of " + MAX + " receives before SQS moves it to " + deadLetters);

        fx.click("#release");
        fx.until(() -> fx.robot.lookup("#release-confirm").tryQuery().isPresent());
        DialogPane ask = fx.robot.lookup("#release-confirm").queryAs(DialogPane.class);
        assertThat(ask.getContentText()).contains("maxReceiveCount").contains(deadLetters).contains("Commit instead");
        // the dialog's own Cancel: a search of all windows for a "Cancel" button can find another one
        // (the Explore tab's export has one too)
        fx.robot.clickOn(ask.lookupButton(ButtonType.CANCEL));

        // the dialog's window must be gone before the next click, or that click can land on it
        fx.until(() -> fx.robot.lookup("#release-confirm").tryQuery().isEmpty()
                && fx.model.state() == ConsoleState.PREVIEW);
        assertThat(fx.items("#preview-table")).as("Cancel keeps the batch in hand").hasSize(1);
        fx.click("#commit");
        fx.until(() -> fx.counts().rows() == 1);
        assertThat(fx.workspace.source().deadLetterDepth().total()).isZero();
    }
}
