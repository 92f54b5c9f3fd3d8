package dev.drainboard.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigLoader;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The real SDK client, built as Drainboard builds it, against servers that are not SQS. */
class SqsErrorsTest {
    private static final AppConfig CONFIG = new ConfigLoader(Map.of(), Map.of(), new Properties()).load();

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "500 | text/xml        | OLD",
        "400 | text/xml        | OLD",
        "200 | application/xml | <?xml version='1.0'?><GetQueueUrlResponse><GetQueueUrlResult><QueueUrl>"
                + "http://localhost:4566/000000000000/login-queue</QueueUrl></GetQueueUrlResult></GetQueueUrlResponse>",
    })
    void anXmlReplyIsExplainedAsLocalStackOlderThan3(int status, String type, String body) throws Exception {
        String reply = "OLD".equals(body) ? SqsStub.OLD_LOCALSTACK_ERROR : body;
        assertThat(explain(status, type, reply)).isEqualTo(SqsErrors.OLD_LOCALSTACK);
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "502 | text/html                  | <html><body><h1>502 Bad Gateway</h1></body></html>        | web page (HTTP 502)",
        "200 | text/html; charset=utf-8   | <!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html> | web page",
        "500 | application/x-amz-json-1.0 | {\"__type\":\"com.amazon.coral.service#InternalFailure\",\"message\":\"try again\"} | SQS answered 500 InternalFailure",
        "404 | text/plain                 | not found                                                  | SQS answered 404",
    })
    void otherRepliesAreNotMistakenForAnOldLocalStack(int status, String type, String body, String expected)
            throws Exception {
        String said = explain(status, type, body);
        assertThat(said).isNotEqualTo(SqsErrors.OLD_LOCALSTACK).contains(expected).doesNotContain("LocalStack");
    }

    private static String explain(int status, String type, String body) throws Exception {
        try (SqsStub stub = SqsStub.answering(status, type, body);
             SqsClient sqs = SqsClients.client(CONFIG, stub.endpoint(), 2)) {
            SdkException e = catchThrowableOfType(SdkException.class,
                    () -> sqs.getQueueUrl(b -> b.queueName("login-queue")));
            assertThat(e).as("the stub's answer must fail the call").isNotNull();
            return SqsErrors.explain(e, stub.endpoint().toString());
        }
    }
}
