package dev.drainboard.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drainboard.source.SqsStub.Reply;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Helpers for {@link SqsStub#routing} scenarios: a client and a source on the stub, common replies. */
public final class StubSqs {
    public static final ObjectMapper JSON = new ObjectMapper();

    private StubSqs() {
    }

    /** The SDK client (MD5 checks off: the stub does not compute attribute digests). */
    public static SqsClient client(SqsStub stub) {
        return SqsClient.builder().endpointOverride(stub.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .checksumValidationEnabled(false).build();
    }

    /** A source on queue {@code q} of the stub; the stub must answer {@code GetQueueUrl} ({@link #queueUrl}). */
    public static SqsQueueSource source(SqsStub stub) {
        return new SqsQueueSource(client(stub), stub.endpoint().toString(), "q", null, Duration.ofSeconds(30), true);
    }

    public static Reply queueUrl(SqsStub.Call call, SqsStub stub) {
        return Reply.json("{\"QueueUrl\":\"" + stub.endpoint() + "/000000000000/" + call.request().path("QueueName")
                .asText() + "\"}");
    }

    /** A batch reply: entries whose id is in {@code failed} fail (sender fault or not), the others succeed. */
    public static Reply batch(JsonNode request, java.util.function.Predicate<JsonNode> fails, boolean senderFault) {
        ObjectNode r = JSON.createObjectNode();
        ArrayNode ok = r.putArray("Successful");
        ArrayNode failed = r.putArray("Failed");
        for (JsonNode e : request.path("Entries")) {
            if (fails.test(e)) {
                failed.addObject().put("Id", e.path("Id").asText()).put("SenderFault", senderFault)
                        .put("Code", senderFault ? "InvalidParameterValue" : "InternalError")
                        .put("Message", "stub refuses this entry");
            } else {
                ObjectNode s = ok.addObject().put("Id", e.path("Id").asText());
                if (e.has("MessageBody")) {
                    s.put("MessageId", "sent-" + e.path("Id").asText()).put("MD5OfMessageBody", "0");
                }
            }
        }
        return Reply.json(r.toString());
    }

    public static Reply depth() {
        return Reply.json("{\"Attributes\":{\"ApproximateNumberOfMessages\":\"0\","
                + "\"ApproximateNumberOfMessagesNotVisible\":\"0\",\"ApproximateNumberOfMessagesDelayed\":\"0\"}}");
    }
}
