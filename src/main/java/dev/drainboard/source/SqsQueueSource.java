package dev.drainboard.source;

import dev.drainboard.model.BulkReplay;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.QueueMessage;
import dev.drainboard.model.QueueSetup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * {@link QueueSource} over the AWS SDK v2. Works with real SQS, LocalStack 3+ and ElasticMQ.
 * Thread-safe: the SDK client is.
 */
public final class SqsQueueSource implements QueueSource {
    public static final String ATTR_REASON = "drainboard-reason";
    public static final String ATTR_ORIGINAL_ID = "drainboard-original-id";
    private static final Logger log = LoggerFactory.getLogger(SqsQueueSource.class);
    private static final int MAX_BATCH = 10;
    private static final int DELETE_ATTEMPTS = 4;
    /**
     * SQS's limit on one message and on one SendMessageBatch, bodies plus message attributes
     * (256 KiB, the limit of ElasticMQ and of queues created before AWS raised it).
     */
    static final int MAX_PAYLOAD_BYTES = 262_144;

    private final SqsClient sqs;
    private final String endpoint;
    private final String queueUrl;
    private final String deadLetterUrl;
    private final Duration visibility;
    private final QueueSetup setup;
    private final DeadLetterRedrive redrive;

    /**
     * Resolves the queue and its dead-letter queue: the target of the queue's {@code RedrivePolicy}
     * when it has one (never created), else {@code <queue>-dlq} ({@code <base>-dlq.fifo} for a FIFO
     * queue), created when absent. The queue itself is created when absent and {@code createMissing}
     * is set (local servers; a FIFO name gets a FIFO queue); on real AWS a missing queue is an error.
     */
    public SqsQueueSource(SqsClient sqs, String endpoint, String queue, String queueUrl, Duration visibility,
                          boolean createMissing) {
        this.sqs = sqs;
        this.endpoint = endpoint;
        this.visibility = visibility;
        boolean fifoName = queue.endsWith(".fifo");
        this.queueUrl = call("find the queue '" + queue + "'",
                () -> queueUrl != null ? queueUrl : resolve(queue, createMissing, fifoName));
        Map<String, String> attrs = call("read the attributes of the queue '" + queue + "'",
                () -> sqs.getQueueAttributes(b -> b.queueUrl(this.queueUrl).attributeNames(
                        QueueAttributeName.FIFO_QUEUE, QueueAttributeName.REDRIVE_POLICY, QueueAttributeName.QUEUE_ARN))
                        .attributesAsStrings());
        boolean fifo = fifoName || "true".equalsIgnoreCase(attrs.get("FifoQueue"));
        RedrivePolicy policy = RedrivePolicy.parse(attrs.get("RedrivePolicy"));
        String dlqName = policy != null ? policy.targetName()
                : fifo ? queue.substring(0, queue.length() - ".fifo".length()) + "-dlq.fifo" : queue + "-dlq";
        this.deadLetterUrl = call("find the dead-letter queue '" + dlqName + "'",
                () -> policy != null ? sqs.getQueueUrl(b -> b.queueName(dlqName)).queueUrl()
                        : resolve(dlqName, true, fifo));
        this.setup = new QueueSetup(queue, fifo, dlqName, policy != null, policy == null ? 0 : policy.maxReceiveCount());
        String queueArn = attrs.get("QueueArn");
        this.redrive = new DeadLetterRedrive(new SqsMoveTasks(sqs),
                policy != null && queueArn != null ? policy.deadLetterTargetArn() : null, queueArn,
                this::receiveAndSendBack);
        if (policy == null) {
            log.info("The queue {} has no redrive policy: rejected bodies go to {}, which Drainboard named", queue,
                    dlqName);
        }
    }

    private String resolve(String name, boolean create, boolean fifo) {
        try {
            return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            if (!create) {
                throw new SourceException("The queue '" + name + "' does not exist at " + endpoint
                        + ". Create it, or set DRAINBOARD_QUEUE to an existing queue.", e);
            }
            log.info("Creating {} queue {}", fifo ? "FIFO" : "standard", name);
            return sqs.createQueue(b -> b.queueName(name)
                    .attributes(fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of())).queueUrl();
        }
    }

    @Override
    public boolean withholdsGroups() {
        return setup.fifo();
    }

    /** How the queue is set up: FIFO or standard, and the dead-letter queue in use. */
    @Override
    public QueueSetup setup() {
        return setup;
    }

    /**
     * Receives with {@code SentTimestamp} and {@code ApproximateReceiveCount} always requested, and
     * the replay attribute. A server that still omits {@code SentTimestamp} gets the documented
     * fallback: the time of this receive, flagged on the message ({@link QueueMessage#sentAtMissing()}).
     */
    @Override
    public List<QueueMessage> receive(int max, Duration wait) {
        if (max < 1 || max > MAX_BATCH) {
            throw new IllegalArgumentException("receive takes 1-10 messages, not " + max);
        }
        List<Message> got = call("receive messages", () -> sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(max)
                .waitTimeSeconds((int) Math.min(20, wait.toSeconds()))
                .visibilityTimeout((int) visibility.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, MessageSystemAttributeName.MESSAGE_GROUP_ID,
                        MessageSystemAttributeName.SEQUENCE_NUMBER, MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)
                .messageAttributeNames(ATTR_ORIGINAL_ID)).messages());
        Instant receivedAt = Instant.now();
        List<QueueMessage> out = new ArrayList<>(got.size());
        for (Message m : got) {
            out.add(toQueueMessage(m, receivedAt));
        }
        return out;
    }

    private static QueueMessage toQueueMessage(Message m, Instant receivedAt) {
        Map<MessageSystemAttributeName, String> a = m.attributes();
        String sent = a.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        String count = a.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        Instant sentAt = sent == null ? receivedAt : Instant.ofEpochMilli(Long.parseLong(sent));
        MessageAttributeValue original = m.messageAttributes().get(ATTR_ORIGINAL_ID);
        boolean replay = original != null && original.stringValue() != null && !original.stringValue().isBlank();
        return new QueueMessage(replay ? original.stringValue() : m.messageId(), m.receiptHandle(), m.body(), sentAt,
                count == null ? 1 : Integer.parseInt(count), sent == null, replay,
                a.get(MessageSystemAttributeName.MESSAGE_GROUP_ID), a.get(MessageSystemAttributeName.SEQUENCE_NUMBER));
    }

    @Override
    public DeleteOutcome delete(List<QueueMessage> messages) {
        int deleted = 0;
        List<String> failed = new ArrayList<>();
        for (List<QueueMessage> chunk : chunks(messages)) {
            List<QueueMessage> pending = chunk;
            for (int attempt = 1; !pending.isEmpty() && attempt <= DELETE_ATTEMPTS; attempt++) {
                List<QueueMessage> todo = pending;
                List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < todo.size(); i++) {
                    entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                            .receiptHandle(todo.get(i).receiptHandle()).build());
                }
                try {
                    DeleteMessageBatchResponse r = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                    deleted += r.successful().size();
                    pending = new ArrayList<>();
                    for (BatchResultErrorEntry e : r.failed()) {
                        QueueMessage m = todo.get(Integer.parseInt(e.id()));
                        if (Boolean.TRUE.equals(e.senderFault())) {
                            log.warn("Delete refused for message {}: {} {}", m.messageId(), e.code(), e.message());
                            failed.add(m.messageId());
                        } else {
                            pending.add(m);
                        }
                    }
                } catch (SdkException e) {
                    log.warn("Delete call failed (attempt {} of {}): {}", attempt, DELETE_ATTEMPTS,
                            SqsErrors.explain(e, endpoint));
                }
                if (!pending.isEmpty() && attempt < DELETE_ATTEMPTS) {
                    sleepQuietly(100L << attempt);
                }
            }
            for (QueueMessage m : pending) {
                failed.add(m.messageId());
            }
        }
        return new DeleteOutcome(deleted, failed);
    }

    @Override
    public void release(List<QueueMessage> messages) {
        changeVisibility(messages, 0);
    }

    @Override
    public void extendLease(List<QueueMessage> messages, Duration timeout) {
        changeVisibility(messages, (int) timeout.toSeconds());
    }

    private void changeVisibility(List<QueueMessage> messages, int seconds) {
        for (List<QueueMessage> chunk : chunks(messages)) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).visibilityTimeout(seconds).build());
            }
            var r = call("change message visibility",
                    () -> sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries)));
            for (BatchResultErrorEntry e : r.failed()) {
                log.warn("Visibility change to {}s refused for message {}: {}", seconds,
                        chunk.get(Integer.parseInt(e.id())).messageId(), e.code());
            }
        }
    }

    /**
     * Sends in batches that SQS accepts: at most 10 entries and at most {@link #MAX_PAYLOAD_BYTES}
     * of bodies plus attributes per batch, so a large body goes alone. A body too large to carry
     * the reason attribute as well is sent without it (the reason is in {@code drainboard_rejections}).
     * To a FIFO dead-letter queue each letter goes in its original message group, with a
     * deduplication id derived from the original message id and its sequence number, so sending the
     * same rejection again (a crash before the commit) leaves one copy, while a replay rejected again
     * (a new sequence number) is a new letter.
     */
    @Override
    public void sendToDeadLetter(List<DeadLetter> letters) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(letters.size());
        for (DeadLetter d : letters) {
            String body = d.message().body().isEmpty() ? " " : d.message().body();
            Map<String, MessageAttributeValue> attrs = new HashMap<>();
            attrs.put(ATTR_ORIGINAL_ID, text(d.message().messageId()));
            attrs.put(ATTR_REASON, text(d.reason()));
            if (SendPacking.size(body, attrs) > MAX_PAYLOAD_BYTES) {
                attrs.remove(ATTR_REASON);
            }
            if (SendPacking.size(body, attrs) > MAX_PAYLOAD_BYTES) {
                log.warn("The dead letter of message {} is too large to carry its id; it is sent without it, so "
                        + "Replay cannot find it (it stays visible in the dead-letter queue)", d.message().messageId());
                attrs.clear();
            }
            SendMessageBatchRequestEntry.Builder e = SendMessageBatchRequestEntry.builder().messageBody(body)
                    .messageAttributes(attrs);
            if (setup.fifo()) {
                QueueMessage m = d.message();
                e.messageGroupId(groupOf(m.groupId()))
                        .messageDeduplicationId(dedupId("dead-letter", m.messageId(), m.sequenceNumber()));
            }
            entries.add(e.build());
        }
        sendPacked(deadLetterUrl, "dead-letter queue", entries);
    }

    @Override
    public void send(List<String> bodies) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(bodies.size());
        for (String body : bodies) {
            SendMessageBatchRequestEntry.Builder e = SendMessageBatchRequestEntry.builder().messageBody(body);
            if (setup.fifo()) {
                // one group per user (their logins stay in order); every send is a message of its own
                e.messageGroupId(groupOf(FifoGroups.userGroup(body))).messageDeduplicationId(UUID.randomUUID().toString());
            }
            entries.add(e.build());
        }
        sendPacked(queueUrl, "queue", entries);
    }

    /**
     * Sends the entries in size-bounded batches. Entries that fail on the server's side are sent
     * again (up to {@value #DELETE_ATTEMPTS} attempts); an entry refused as a sender fault, or a
     * whole batch refused with a 4xx, throws a non-retryable {@link SourceException}.
     */
    private void sendPacked(String url, String where, List<SendMessageBatchRequestEntry> all) {
        for (List<SendMessageBatchRequestEntry> group : SendPacking.pack(all, MAX_BATCH, MAX_PAYLOAD_BYTES)) {
            List<SendMessageBatchRequestEntry> pending = group;
            List<BatchResultErrorEntry> refused = new ArrayList<>();
            for (int attempt = 1; !pending.isEmpty() && attempt <= DELETE_ATTEMPTS; attempt++) {
                List<SendMessageBatchRequestEntry> todo = new ArrayList<>(pending.size());
                for (int i = 0; i < pending.size(); i++) {
                    todo.add(pending.get(i).toBuilder().id(Integer.toString(i)).build());
                }
                SendMessageBatchResponse r = call("send to the " + where,
                        () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(todo)));
                List<SendMessageBatchRequestEntry> again = new ArrayList<>();
                for (BatchResultErrorEntry e : r.failed()) {
                    if (Boolean.TRUE.equals(e.senderFault())) {
                        refused.add(e);
                    } else {
                        again.add(todo.get(Integer.parseInt(e.id())));
                    }
                }
                pending = again;
                if (!pending.isEmpty() && attempt < DELETE_ATTEMPTS) {
                    sleepQuietly(100L << attempt);
                }
            }
            if (!refused.isEmpty()) {
                BatchResultErrorEntry e = refused.get(0);
                throw new SourceException("SQS refused " + refused.size() + " message(s) for the " + where + ": "
                        + e.code() + " " + e.message() + " (a fault of the request, so sending again cannot help)",
                        null, false);
            }
            if (!pending.isEmpty()) {
                throw new SourceException(pending.size() + " message(s) could not be sent to the " + where
                        + " after " + DELETE_ATTEMPTS + " attempts (the server failed them)");
            }
        }
    }

    /**
     * Finds every copy of the original message in the dead-letter queue (a crash between the
     * dead-letter send and the commit can leave two), sends ONE copy back to the queue carrying
     * {@link #ATTR_ORIGINAL_ID} (so the ledger knows it as the original message), then deletes
     * every copy. Dead letters of other messages are made visible again.
     */
    @Override
    public boolean replay(String originalMessageId, int scan) {
        return moveDeadLetters(originalMessageId, scan, true) > 0;
    }

    @Override
    public int discardDeadLetters(String originalMessageId, int scan) {
        return moveDeadLetters(originalMessageId, scan, false);
    }

    /** Finds every copy among the first {@code scan} dead letters, sends one back if asked, deletes them all. */
    private int moveDeadLetters(String originalMessageId, int scan, boolean sendOne) {
        List<Message> seen = new ArrayList<>();
        List<Message> copies = new ArrayList<>();
        try {
            while (seen.size() + copies.size() < scan) {
                List<Message> got = call("receive dead letters", () -> sqs.receiveMessage(b -> b
                        .queueUrl(deadLetterUrl).maxNumberOfMessages(MAX_BATCH).waitTimeSeconds(0)
                        .visibilityTimeout(30).messageAttributeNames("All")
                        .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages());
                if (got.isEmpty()) {
                    break;
                }
                for (Message m : got) {
                    MessageAttributeValue id = m.messageAttributes().get(ATTR_ORIGINAL_ID);
                    if (id != null && originalMessageId.equals(id.stringValue())) {
                        copies.add(m);
                    } else {
                        seen.add(m);
                    }
                }
            }
            if (copies.isEmpty()) {
                return 0;
            }
            if (sendOne) {
                Message first = copies.get(0);
                call("replay a dead letter", () -> sqs.sendMessage(sendBack(first, originalMessageId)));
            }
            for (Message m : copies) {
                call("delete a replayed dead letter", () -> sqs.deleteMessage(b -> b.queueUrl(deadLetterUrl)
                        .receiptHandle(m.receiptHandle())));
            }
            if (copies.size() > 1 || !sendOne) {
                log.info("Message {} was in the dead-letter queue {} time(s); {}every copy deleted",
                        originalMessageId, copies.size(), sendOne ? "replayed once, " : "");
            }
            return copies.size();
        } finally {
            releaseDeadLetters(seen);
        }
    }

    private void releaseDeadLetters(List<Message> seen) {
        for (List<Message> chunk : chunks(seen)) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int j = 0; j < chunk.size(); j++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(j))
                        .receiptHandle(chunk.get(j).receiptHandle()).visibilityTimeout(0).build());
            }
            try {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(deadLetterUrl).entries(entries));
            } catch (SdkException e) {
                log.warn("Could not release dead letters after a replay scan: {}", SqsErrors.explain(e, endpoint));
            }
        }
    }

    /**
     * The send that puts a dead letter back on the queue as its original message: carrying
     * {@link #ATTR_ORIGINAL_ID}, and on a FIFO queue in the letter's message group with a
     * deduplication id derived from the original id and the letter's own id (a replay sent twice,
     * e.g. after a crash before the letter's delete, is one message).
     */
    private SendMessageRequest sendBack(Message letter, String originalMessageId) {
        SendMessageRequest.Builder b = SendMessageRequest.builder().queueUrl(queueUrl).messageBody(letter.body())
                .messageAttributes(Map.of(ATTR_ORIGINAL_ID, text(originalMessageId)));
        if (setup.fifo()) {
            b.messageGroupId(groupOf(letter.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)))
                    .messageDeduplicationId(dedupId("replay", originalMessageId, letter.messageId()));
        }
        return b.build();
    }

    /**
     * Sends every dead letter back to the queue: by one {@code StartMessageMoveTask} where the server
     * has it and the dead-letter queue is the queue's redrive target, else by receive, send, delete.
     */
    @Override
    public BulkReplay replayAll() {
        return redrive.replayAll();
    }

    /** The fallback of {@link #replayAll}: receive dead letters, send each back, delete it; until none is left. */
    private int receiveAndSendBack() {
        int moved = 0;
        while (true) {
            List<Message> got = call("receive dead letters", () -> sqs.receiveMessage(b -> b
                    .queueUrl(deadLetterUrl).maxNumberOfMessages(MAX_BATCH).waitTimeSeconds(0)
                    .visibilityTimeout(60).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages());
            if (got.isEmpty()) {
                return moved;
            }
            for (Message m : got) {
                MessageAttributeValue id = m.messageAttributes().get(ATTR_ORIGINAL_ID);
                String original = id != null && id.stringValue() != null ? id.stringValue() : m.messageId();
                call("replay a dead letter", () -> sqs.sendMessage(sendBack(m, original)));
                call("delete a replayed dead letter", () -> sqs.deleteMessage(b -> b.queueUrl(deadLetterUrl)
                        .receiptHandle(m.receiptHandle())));
                moved++;
            }
        }
    }

    private static String groupOf(String groupId) {
        return groupId == null || groupId.isBlank() ? FifoGroups.DEFAULT_GROUP : groupId;
    }

    /** A FIFO deduplication id derived from the original message id: hex SHA-256, 64 characters. */
    static String dedupId(String purpose, String originalMessageId, String salt) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] h = d.digest((purpose + "\0" + originalMessageId + "\0" + (salt == null ? "" : salt))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public QueueDepth depth() {
        return depthOf(queueUrl);
    }

    @Override
    public QueueDepth deadLetterDepth() {
        return depthOf(deadLetterUrl);
    }

    private QueueDepth depthOf(String url) {
        Map<QueueAttributeName, String> a = call("read the queue depth", () -> sqs.getQueueAttributes(b -> b
                .queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes());
        return new QueueDepth(num(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                num(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)),
                num(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)));
    }

    @Override
    public Duration visibilityTimeout() {
        return visibility;
    }

    @Override
    public String describe() {
        return endpoint + " · " + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }

    public String queueUrl() {
        return queueUrl;
    }

    @Override
    public void close() {
        sqs.close();
    }

    private <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (SourceException e) {
            throw e;
        } catch (SdkException e) {
            boolean retryable = SqsErrors.isRetryable(e);
            throw new SourceException("Could not " + what + ": " + SqsErrors.explain(e, endpoint)
                    + (retryable ? "" : " (a fault of the request, so trying again cannot help)"), e, retryable);
        }
    }

    private static MessageAttributeValue text(String s) {
        return MessageAttributeValue.builder().dataType("String").stringValue(s).build();
    }

    private static long num(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }

    private static <T> List<List<T>> chunks(List<T> list) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += MAX_BATCH) {
            out.add(list.subList(i, Math.min(list.size(), i + MAX_BATCH)));
        }
        return out;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
