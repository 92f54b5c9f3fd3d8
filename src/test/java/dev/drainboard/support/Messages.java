package dev.drainboard.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drainboard.model.QueueMessage;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds {@link QueueMessage}s for unit tests. */
public final class Messages {
    public static final Instant SENT = Instant.parse("2024-03-01T23:30:00Z");
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Messages() {
    }

    public static QueueMessage of(String body) {
        int n = SEQ.incrementAndGet();
        return new QueueMessage("m-" + n, "r-" + n, body, SENT, 1);
    }

    /** The raw ip and device_id values of every body that has them (for "never stored" checks). */
    public static List<String> rawPii(List<String> bodies) {
        ObjectMapper json = new ObjectMapper();
        List<String> raw = new ArrayList<>();
        for (String body : bodies) {
            try {
                JsonNode n = json.readTree(body);
                if (n.has("ip")) {
                    raw.add(n.get("ip").asText());
                    raw.add(n.get("device_id").asText());
                }
            } catch (JsonProcessingException notJson) {
                // a malformed sample message holds no fields to look for
            }
        }
        return raw;
    }

    public static String login(String userId, String ip, String deviceId) {
        return "{\"user_id\": \"" + userId + "\", \"app_version\": \"2.3.0\", \"device_type\": \"android\", "
                + "\"ip\": \"" + ip + "\", \"locale\": \"RU\", \"device_id\": \"" + deviceId + "\"}";
    }
}
