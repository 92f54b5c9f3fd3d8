package dev.drainboard.source;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link MoveTasks} over the SDK client. */
final class SqsMoveTasks implements MoveTasks {
    private final SqsClient sqs;

    SqsMoveTasks(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public void probe(String sourceArn) {
        try {
            sqs.listMessageMoveTasks(b -> b.sourceArn(sourceArn).maxResults(1));
        } catch (SdkException e) {
            if (SqsErrors.isRetryable(e)) {
                throw e;
            }
            throw new UnsupportedOperationException("ListMessageMoveTasks refused: " + e.getMessage(), e);
        }
    }

    @Override
    public String start(String sourceArn, String destinationArn) {
        return sqs.startMessageMoveTask(b -> b.sourceArn(sourceArn).destinationArn(destinationArn)).taskHandle();
    }
}
