package dev.drainboard.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Splits SendMessageBatch entries into batches SQS accepts: SQS counts a message's body plus, per
 * attribute, its name, data type and value, and limits both one message and a whole batch.
 */
final class SendPacking {
    private SendPacking() {
    }

    /** The size SQS counts for a message: UTF-8 body plus every attribute's name, type and value. */
    static long size(String body, Map<String, MessageAttributeValue> attributes) {
        long n = utf8(body);
        for (Map.Entry<String, MessageAttributeValue> a : attributes.entrySet()) {
            n += utf8(a.getKey()) + utf8(a.getValue().dataType()) + utf8(a.getValue().stringValue());
        }
        return n;
    }

    /**
     * Groups the entries in order, each group at most {@code maxEntries} long and at most
     * {@code maxBytes} in total; an entry as large as the limit is a group of its own.
     */
    static List<List<SendMessageBatchRequestEntry>> pack(List<SendMessageBatchRequestEntry> entries, int maxEntries,
                                                       long maxBytes) {
        List<List<SendMessageBatchRequestEntry>> out = new ArrayList<>();
        List<SendMessageBatchRequestEntry> group = new ArrayList<>();
        long bytes = 0;
        for (SendMessageBatchRequestEntry e : entries) {
            long n = size(e.messageBody(), e.messageAttributes());
            if (!group.isEmpty() && (group.size() == maxEntries || bytes + n > maxBytes)) {
                out.add(group);
                group = new ArrayList<>();
                bytes = 0;
            }
            group.add(e);
            bytes += n;
        }
        if (!group.isEmpty()) {
            out.add(group);
        }
        return out;
    }

    private static long utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
