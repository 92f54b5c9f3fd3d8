package dev.drainboard.source;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Keeps the reply's {@code Content-Type} when the SDK could not read a successful reply (the SDK
 * then throws an {@link SdkClientException} that has lost it), so {@link SqsErrors} can tell an XML
 * answer (LocalStack older than 3.0) from a web page. Error replies need no help: their
 * {@code AwsErrorDetails} keep the headers and the body. Stateless, so thread-safe.
 */
final class NonJsonReplyInterceptor implements ExecutionInterceptor {

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable e = context.exception();
        // Only the plain unmarshalling failure; its subclasses (timeouts, aborts) keep their type.
        if (e == null || e.getClass() != SdkClientException.class || context.httpResponse().isEmpty()) {
            return e;
        }
        String type = context.httpResponse().get().firstMatchingHeader("Content-Type").orElse("");
        if (type.isEmpty() || type.contains("json")) {
            return e;
        }
        return SdkClientException.builder().message(e.getMessage())
                .cause(new NonJsonReply(type, e)).build();
    }

    /** Marks, in a cause chain, a reply that was not JSON; {@link #contentType()} says what it was. */
    static final class NonJsonReply extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String contentType;

        NonJsonReply(String contentType, Throwable cause) {
            super("the reply had Content-Type " + contentType, cause);
            this.contentType = contentType;
        }

        String contentType() {
            return contentType;
        }
    }
}
