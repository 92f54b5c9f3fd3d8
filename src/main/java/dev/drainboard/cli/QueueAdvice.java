package dev.drainboard.cli;

import dev.drainboard.model.QueueSetup;

/** What {@code depth} and {@code schema} say about the queue's kind and its dead-letter queue. */
final class QueueAdvice {
    private QueueAdvice() {
    }

    /** One line: the queue's kind and where its dead letters go. */
    static String describe(QueueSetup q) {
        return "Queue " + q.queue() + " is " + q.kind() + "; dead letters go to " + q.deadLetterQueue()
                + (q.redrivePolicy() ? ", its redrive target (SQS moves a message there after " + q.maxReceiveCount()
                + " receives; previews count as receives)" : ", named by Drainboard");
    }

    /** The suggestion to attach a redrive policy, or null when the queue has one. */
    static String suggestion(QueueSetup q) {
        if (q.redrivePolicy()) {
            return null;
        }
        return "The queue has no redrive policy. Attach one so that SQS and Drainboard share one dead-letter "
                + "queue, e.g. aws sqs set-queue-attributes --queue-url <url of " + q.queue() + "> --attributes "
                + "'{\"RedrivePolicy\":\"{\\\"deadLetterTargetArn\\\":\\\"<arn of " + q.deadLetterQueue()
                + ">\\\",\\\"maxReceiveCount\\\":\\\"5\\\"}\"}'";
    }
}
