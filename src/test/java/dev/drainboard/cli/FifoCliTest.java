package dev.drainboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.source.SqsClients;
import dev.drainboard.support.Messages;
import dev.drainboard.support.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** depth, schema and preview on a FIFO queue and on a queue with its own redrive policy. */
class FifoCliTest {

    static List<String> common(AppConfig c) {
        return new ArrayList<>(List.of("--sqs-endpoint=" + c.sqsEndpoint().orElseThrow(), "--queue=" + c.queue(),
                "--jdbc-url=" + c.jdbcUrl().orElseThrow(), "--data-dir=" + c.dataDir(), "--wait-seconds=0"));
    }

    static String[] with(String command, List<String> common, String... more) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(common);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void depthOnAFifoQueueSaysFifoNamesItsDeadLetterQueueAndSuggestsARedrivePolicy() {
        AppConfig c = TestServers.config(Map.of(ConfigKey.QUEUE, TestServers.freshQueue() + ".fifo"));

        CliTest.Run seed = CliTest.run(with("seed", common(c), "--count=5"));
        CliTest.Run depth = CliTest.run(with("depth", common(c)));
        CliTest.Run schema = CliTest.run(with("schema", common(c)));

        assertThat(seed.code()).as(seed.err()).isZero();
        String dlq = c.queue().replace(".fifo", "-dlq.fifo");
        assertThat(depth.out()).containsPattern(java.util.regex.Pattern.quote(c.queue()) + "\\s+5\\s+0\\s+0\\s+FIFO")
                .containsPattern(java.util.regex.Pattern.quote(dlq) + "\\s+0\\s+0\\s+0\\s+dead letters")
                .contains("has no redrive policy").contains("RedrivePolicy");
        assertThat(schema.out()).contains("is FIFO; dead letters go to " + dlq).contains("has no redrive policy");
    }

    @Test
    void previewShowsTheReceiveCountAgainstTheRedriveLimitAndRefusesToReleaseAtTheLimit() {
        AppConfig c = TestServers.config();
        try (SqsClient sqs = SqsClients.client(c, c.sqsEndpoint().orElseThrow(), 2)) {
            String dlq = sqs.createQueue(b -> b.queueName(c.queue() + "-team-dead")).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String url = sqs.createQueue(b -> b.queueName(c.queue()).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(Messages.login("eve", "10.4.4.4", "e-4")));

            CliTest.Run first = CliTest.run(with("preview", common(c), "--count=1"));
            CliTest.Run second = CliTest.run(with("preview", common(c), "--count=1"));
            CliTest.Run depth = CliTest.run(with("depth", common(c)));

            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out()).contains("1 of 2 receives before SQS moves it to " + c.queue() + "-team-dead")
                    .contains("the messages were released");
            assertThat(second.code()).isEqualTo(1);
            assertThat(second.out()).contains("2 of 2 receives before SQS moves it to " + c.queue() + "-team-dead");
            assertThat(second.err()).contains("1 message(s) NOT released").contains("--release-at-limit");
            assertThat(depth.out()).containsPattern(java.util.regex.Pattern.quote(c.queue()) + "\\s+0\\s+1\\s+0")
                    .contains("redrive target").doesNotContain("has no redrive policy");
        }
    }

    @Test
    void redriveSendsTheDeadLettersOfAFifoQueueBackInTheirGroups() {
        AppConfig c = TestServers.config(Map.of(ConfigKey.QUEUE, TestServers.freshQueue() + ".fifo"));
        try (SqsClient sqs = SqsClients.client(c, c.sqsEndpoint().orElseThrow(), 2)) {
            CliTest.Run depth = CliTest.run(with("depth", common(c)));
            assertThat(depth.code()).as(depth.err()).isZero();
            String url = sqs.getQueueUrl(b -> b.queueName(c.queue())).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("{broken").messageGroupId("gina")
                    .messageDeduplicationId("gina-1"));
            CliTest.Run drain = CliTest.run(with("drain", common(c)));
            assertThat(drain.out()).containsPattern("rejected\\s+1").contains(c.queue().replace(".fifo", "-dlq.fifo"));

            CliTest.Run redrive = CliTest.run(with("redrive", common(c)));

            assertThat(redrive.code()).as(redrive.err()).isZero();
            assertThat(redrive.out()).contains("Sent 1 dead letters");
            var back = sqs.receiveMessage(b -> b.queueUrl(url).messageSystemAttributeNamesWithStrings("MessageGroupId"))
                    .messages();
            assertThat(back).hasSize(1);
            assertThat(back.get(0).attributesAsStrings()).containsEntry("MessageGroupId", "gina");
        }
    }
}
