package dev.drainboard.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** Which SQS answers a drain waits out: outages and a queue not restored yet, not a wrong request. */
class SqsRetryTest {

    @Test
    void aQueueThatDoesNotExistYetIsWaitedOutLikeAnOutage() {
        // what a restarted ElasticMQ answers until it has restored its queues (OutageTest restarts one mid-drain)
        QueueDoesNotExistException missing = (QueueDoesNotExistException) QueueDoesNotExistException.builder()
                .statusCode(400).message("The specified queue does not exist.").build();

        assertThat(SqsErrors.isRetryable(missing)).isTrue();
    }

    @Test
    void aWrongRequestIsNotWaitedOut() {
        SqsException tooLong = (SqsException) SqsException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("MessageTooLong").build())
                .message("Message must be shorter than 262144 bytes.").build();

        assertThat(SqsErrors.isRetryable(tooLong)).isFalse();
    }
}
