package dev.drainboard.support;

import dev.drainboard.model.QueueMessage;
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

    public static String login(String userId, String ip, String deviceId) {
        return "{\"user_id\": \"" + userId + "\", \"app_version\": \"2.3.0\", \"device_type\": \"android\", "
                + "\"ip\": \"" + ip + "\", \"locale\": \"RU\", \"device_id\": \"" + deviceId + "\"}";
    }
}
