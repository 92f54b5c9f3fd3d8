package dev.drainboard.fifo;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;

/**
 * An SDK client whose first single-message delete fails as a crash would leave it: the message is
 * made visible again (its lease ran out) and the delete never happens.
 */
final class FlakyDeletes implements AutoCloseable {
    private final SqsClient real;
    private final SqsClient client;
    private boolean failed;

    private FlakyDeletes(SqsClient real) {
        this.real = real;
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("deleteMessage") && !failed) {
                failed = true;
                DeleteMessageRequest r = request(args[0]);
                real.changeMessageVisibility(b -> b.queueUrl(r.queueUrl()).receiptHandle(r.receiptHandle())
                        .visibilityTimeout(0));
                throw SdkClientException.create("the delete was lost (injected)");
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        this.client = (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(),
                new Class<?>[] {SqsClient.class}, h);
    }

    static FlakyDeletes around(SqsClient real) {
        return new FlakyDeletes(real);
    }

    @SuppressWarnings("unchecked")
    private static DeleteMessageRequest request(Object arg) {
        if (arg instanceof DeleteMessageRequest r) {
            return r;
        }
        DeleteMessageRequest.Builder b = DeleteMessageRequest.builder();
        ((Consumer<DeleteMessageRequest.Builder>) arg).accept(b);
        return b.build();
    }

    SqsClient client() {
        return client;
    }

    @Override
    public void close() {
        real.close();
    }
}
