package dev.drainboard.source;

import dev.drainboard.source.NonJsonReplyInterceptor.NonJsonReply;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK exceptions into one sentence a person can act on. */
public final class SqsErrors {
    /**
     * Said when the server answers the SDK's JSON-protocol request with XML. Real SQS and LocalStack
     * 3.0+ answer such requests in JSON ({@code application/x-amz-json-1.0}); LocalStack before 3.0
     * speaks only the older XML (query) protocol and answers with an XML {@code ErrorResponse},
     * usually with HTTP 500.
     */
    public static final String OLD_LOCALSTACK = "the server answered in XML, not in the SQS JSON protocol that "
            + "the AWS SDK v2 speaks: it is LocalStack older than 3.0 (such as the take-home image "
            + "fetchdocker/data-takehome-localstack or localstack/localstack:0.14). Use this repository's "
            + "docker-compose.yml (scripts/start), or LocalStack 3.0 or newer.";

    private enum ReplyKind { XML, HTML, OTHER }

    private SqsErrors() {
    }

    /**
     * False for a sender fault: an HTTP 4xx answer that is not throttling (the request is wrong,
     * e.g. {@code MessageTooLong}, and sending it again gives the same answer). True otherwise:
     * nothing answered, a 5xx, throttling, and a queue that does not exist (yet) again.
     */
    public static boolean isRetryable(SdkException e) {
        if (e instanceof software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException) {
            // the queue existed when the drain started: a server that restarts (ElasticMQ restoring its
            // store, LocalStack running its init hooks) answers this until its queues are back; waited out
            // like an outage, within the same give-up limit
            return true;
        }
        if (e instanceof AwsServiceException a && a.statusCode() >= 400 && a.statusCode() < 500) {
            return a.isThrottlingException() || a.statusCode() == 429;
        }
        return true;
    }

    public static String explain(SdkException e, String endpoint) {
        Throwable root = rootCause(e);
        if (root instanceof ConnectException) {
            return "nothing answers at " + endpoint + " (connection refused). Start the SQS server, or check "
                    + "DRAINBOARD_SQS_ENDPOINT.";
        }
        if (root instanceof UnknownHostException) {
            return "the host of " + endpoint + " is unknown. Check DRAINBOARD_SQS_ENDPOINT.";
        }
        if (root instanceof SocketTimeoutException) {
            return "the SQS server at " + endpoint + " did not answer in time. Check that it is running and reachable.";
        }
        ReplyKind kind = replyKind(e);
        if (kind == ReplyKind.XML) {
            return OLD_LOCALSTACK;
        }
        String status = e instanceof AwsServiceException a ? " (HTTP " + a.statusCode() + ")" : "";
        if (kind == ReplyKind.HTML) {
            return "the server at " + endpoint + " answered with a web page" + status + ", not with SQS. Check "
                    + "DRAINBOARD_SQS_ENDPOINT, and any proxy in between.";
        }
        if (e instanceof AwsServiceException a) {
            String code = a.awsErrorDetails() == null ? null : a.awsErrorDetails().errorCode();
            if (a.statusCode() == 403 || "AccessDenied".equals(code) || "InvalidClientTokenId".equals(code)) {
                return "AWS refused the credentials (" + code + "). Check the AWS profile or role and the IAM "
                        + "policy in the README.";
            }
            return "SQS answered " + a.statusCode() + (code == null ? "" : " " + code) + ": "
                    + firstLine(a.getMessage());
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    /**
     * What the reply was, from its Content-Type and the start of its body. An SQS JSON-protocol
     * request is answered in JSON by every server that speaks it, so an XML reply is decisive.
     */
    private static ReplyKind replyKind(SdkException e) {
        String type = "";
        String body = "";
        if (e instanceof AwsServiceException a && a.awsErrorDetails() != null) {
            AwsErrorDetails d = a.awsErrorDetails();
            if (d.sdkHttpResponse() != null) {
                type = d.sdkHttpResponse().firstMatchingHeader("Content-Type").orElse("");
            }
            if (d.rawResponse() != null) {
                body = d.rawResponse().asUtf8String();
            }
        } else {
            for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
                if (t instanceof NonJsonReply r) {
                    type = r.contentType();
                    break;
                }
            }
        }
        type = type.toLowerCase(Locale.ROOT);
        String start = body.strip().toLowerCase(Locale.ROOT);
        if (type.contains("html") || start.startsWith("<!doctype html") || start.startsWith("<html")) {
            return ReplyKind.HTML;
        }
        if (type.contains("xml") || start.startsWith("<?xml") || start.startsWith("<errorresponse")) {
            return ReplyKind.XML;
        }
        return ReplyKind.OTHER;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
