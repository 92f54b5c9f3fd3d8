package dev.drainboard.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drainboard.model.QueueMessage;
import dev.drainboard.source.SqsStub.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Partial failures of DeleteMessageBatch and SendMessageBatch, from a stub that fails some entries. */
class SqsBatchFaultsTest {

    private static List<String> field(SqsStub.Call call, String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : call.request().path("Entries")) {
            out.add(e.path(name).asText());
        }
        return out;
    }

    private static List<QueueMessage> messages(int n) {
        List<QueueMessage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new QueueMessage("m" + i, "r" + i, "body " + i, Instant.EPOCH, 1));
        }
        return out;
    }

    @Test
    void aPartialDeleteRetriesOnlyTheEntriesTheServerFailedAndReportsTheRefusedOnes() throws Exception {
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        SqsStub[] holder = new SqsStub[1];
        try (SqsStub stub = SqsStub.routing((op, req) -> switch (op) {
            case "GetQueueUrl" -> StubSqs.queueUrl(new SqsStub.Call(op, req), holder[0]);
            case "GetQueueAttributes" -> StubSqs.depth(); // the start reads FifoQueue and RedrivePolicy: none here
            case "DeleteMessageBatch" -> deleteReply(req, failedOnce);
            default -> Reply.error(400, "InvalidAction", op);
        })) {
            holder[0] = stub;
            try (SqsQueueSource source = StubSqs.source(stub)) {
                QueueSource.DeleteOutcome d = source.delete(messages(5));

                assertThat(d.deleted()).isEqualTo(4);
                assertThat(d.failedIds()).containsExactly("m3");
                List<SqsStub.Call> calls = stub.calls("DeleteMessageBatch");
                assertThat(calls).hasSize(2);
                assertThat(field(calls.get(0), "ReceiptHandle")).containsExactly("r0", "r1", "r2", "r3", "r4");
                assertThat(field(calls.get(1), "ReceiptHandle")).containsExactly("r1");
            }
        }
    }

    /** r3: sender fault (never retried); r1: a server fault the first time only. */
    private static Reply deleteReply(JsonNode req, Set<String> failedOnce) {
        StringBuilder ok = new StringBuilder();
        StringBuilder failed = new StringBuilder();
        for (JsonNode e : req.path("Entries")) {
            String id = e.path("Id").asText();
            String h = e.path("ReceiptHandle").asText();
            if (h.equals("r3")) {
                append(failed, "{\"Id\":\"" + id + "\",\"SenderFault\":true,\"Code\":\"ReceiptHandleIsInvalid\","
                        + "\"Message\":\"stub\"}");
            } else if (h.equals("r1") && failedOnce.add("delete-" + h)) {
                append(failed, "{\"Id\":\"" + id + "\",\"SenderFault\":false,\"Code\":\"InternalError\","
                        + "\"Message\":\"stub\"}");
            } else {
                append(ok, "{\"Id\":\"" + id + "\"}");
            }
        }
        return Reply.json("{\"Successful\":[" + ok + "],\"Failed\":[" + failed + "]}");
    }

    private static void append(StringBuilder b, String item) {
        if (b.length() > 0) {
            b.append(',');
        }
        b.append(item);
    }

    @Test
    void aPartialSendToTheDeadLetterQueueSendsOnlyTheFailedEntriesAgain() throws Exception {
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        SqsStub[] holder = new SqsStub[1];
        try (SqsStub stub = SqsStub.routing((op, req) -> switch (op) {
            case "GetQueueUrl" -> StubSqs.queueUrl(new SqsStub.Call(op, req), holder[0]);
            case "GetQueueAttributes" -> StubSqs.depth(); // the start reads FifoQueue and RedrivePolicy: none here
            case "SendMessageBatch" -> StubSqs.batch(req, e -> e.path("MessageBody").asText().equals("body 1")
                    && failedOnce.add("once"), false);
            default -> Reply.error(400, "InvalidAction", op);
        })) {
            holder[0] = stub;
            try (SqsQueueSource source = StubSqs.source(stub)) {
                List<QueueSource.DeadLetter> letters = new ArrayList<>();
                for (QueueMessage m : messages(3)) {
                    letters.add(new QueueSource.DeadLetter(m, "not JSON"));
                }

                source.sendToDeadLetter(letters);

                List<SqsStub.Call> calls = stub.calls("SendMessageBatch");
                assertThat(calls).hasSize(2);
                assertThat(field(calls.get(0), "MessageBody")).containsExactly("body 0", "body 1", "body 2");
                assertThat(field(calls.get(1), "MessageBody")).containsExactly("body 1");
                assertThat(calls.get(0).request().path("QueueUrl").asText()).endsWith("/q-dlq");
            }
        }
    }

    @Test
    void anEntryRefusedAsASenderFaultIsNotRetriedAndIsNotAnOutage() throws Exception {
        SqsStub[] holder = new SqsStub[1];
        try (SqsStub stub = SqsStub.routing((op, req) -> switch (op) {
            case "GetQueueUrl" -> StubSqs.queueUrl(new SqsStub.Call(op, req), holder[0]);
            case "GetQueueAttributes" -> StubSqs.depth(); // the start reads FifoQueue and RedrivePolicy: none here
            case "SendMessageBatch" -> StubSqs.batch(req, e -> e.path("MessageBody").asText().equals("body 2"), true);
            default -> Reply.error(400, "InvalidAction", op);
        })) {
            holder[0] = stub;
            try (SqsQueueSource source = StubSqs.source(stub)) {
                List<QueueSource.DeadLetter> letters = new ArrayList<>();
                for (QueueMessage m : messages(3)) {
                    letters.add(new QueueSource.DeadLetter(m, "not JSON"));
                }

                SourceException e = catchThrowableOfType(SourceException.class, () -> source.sendToDeadLetter(letters));

                assertThat(e).isNotNull();
                assertThat(e.isRetryable()).isFalse();
                assertThat(e.getMessage()).contains("InvalidParameterValue").contains("cannot help");
                assertThat(stub.calls("SendMessageBatch")).hasSize(1);
            }
        }
    }

    @Test
    void aBatchRefusedWithA4xxIsNotRetryableButA5xxIs() throws Exception {
        SqsStub[] holder = new SqsStub[1];
        String[] status = {"400"};
        try (SqsStub stub = SqsStub.routing((op, req) -> switch (op) {
            case "GetQueueUrl" -> StubSqs.queueUrl(new SqsStub.Call(op, req), holder[0]);
            case "GetQueueAttributes" -> StubSqs.depth(); // the start reads FifoQueue and RedrivePolicy: none here
            case "SendMessageBatch" -> status[0].equals("400")
                    ? Reply.error(400, "BatchRequestTooLong", "too long")
                    : Reply.error(500, "InternalError", "try again");
            default -> Reply.error(400, "InvalidAction", op);
        })) {
            holder[0] = stub;
            try (SqsQueueSource source = StubSqs.source(stub)) {
                SourceException tooLong = catchThrowableOfType(SourceException.class, () -> source.send(List.of("x")));
                status[0] = "500";
                SourceException serverDown = catchThrowableOfType(SourceException.class,
                        () -> source.send(List.of("x")));

                assertThat(tooLong.isRetryable()).isFalse();
                assertThat(tooLong.getMessage()).contains("BatchRequestTooLong");
                assertThat(serverDown.isRetryable()).isTrue();
            }
        }
    }
}
