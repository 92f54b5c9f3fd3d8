package dev.drainboard.source;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK exceptions into one sentence a person can act on. */
public final class SqsErrors {
    /** Said when the server answers like a LocalStack older than 3.0 (no SQS JSON protocol). */
    public static final String OLD_LOCALSTACK = "the server does not speak the SQS JSON protocol that the AWS SDK v2 "
            + "uses; it looks like LocalStack older than 3.0 (such as the take-home image "
            + "fetchdocker/data-takehome-localstack or localstack/localstack:0.14). Use this repository's "
            + "docker-compose.yml, or LocalStack 3.0 or newer.";

    private SqsErrors() {
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
        if (e instanceof AwsServiceException a) {
            int status = a.statusCode();
            String code = a.awsErrorDetails() == null ? null : a.awsErrorDetails().errorCode();
            if (looksLikeOldLocalStack(a)) {
                return OLD_LOCALSTACK;
            }
            if (status == 403 || "AccessDenied".equals(code) || "InvalidClientTokenId".equals(code)) {
                return "AWS refused the credentials (" + code + "). Check the AWS profile or role and the IAM "
                        + "policy in the README.";
            }
            return "SQS answered " + status + (code == null ? "" : " " + code) + ": " + firstLine(a.getMessage());
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("Unable to unmarshall")) {
            return OLD_LOCALSTACK;
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    private static boolean looksLikeOldLocalStack(AwsServiceException a) {
        if (a.statusCode() < 500 && a.statusCode() != 404) {
            return false;
        }
        String raw = "";
        if (a.awsErrorDetails() != null && a.awsErrorDetails().rawResponse() != null) {
            raw = a.awsErrorDetails().rawResponse().asUtf8String();
        }
        String msg = String.valueOf(a.getMessage());
        return raw.trim().startsWith("<") || raw.contains("UnknownOperation") || raw.contains("InternalFailure")
                || raw.contains("ErrorResponse") || msg.contains("UnknownOperation")
                || a.awsErrorDetails() != null && "InternalFailure".equals(a.awsErrorDetails().errorCode());
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
