package dev.drainboard.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Message groups for what Drainboard itself sends to a FIFO queue (seeds, demo messages). */
final class FifoGroups {
    /** The group of a message that names no user, and of a dead letter whose group is unknown. */
    static final String DEFAULT_GROUP = "drainboard";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FifoGroups() {
    }

    /**
     * The login's {@code user_id} (one group per user keeps each user's logins in order, while
     * different users drain in parallel), or null when the body is not a JSON object with one.
     * The value is an identifier, not one of the masked fields.
     */
    static String userGroup(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode user = n == null ? null : n.get("user_id");
            if (user == null || !user.isValueNode() || user.asText().isBlank()) {
                return null;
            }
            String g = user.asText().replaceAll("[^\\p{Alnum}\\p{Punct}]", "_");
            return g.length() > 128 ? g.substring(0, 128) : g;
        } catch (Exception e) {
            return null;
        }
    }
}
