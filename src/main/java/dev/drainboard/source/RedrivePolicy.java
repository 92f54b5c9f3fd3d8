package dev.drainboard.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A queue's {@code RedrivePolicy} attribute: where SQS moves a message after {@code maxReceiveCount}
 * receives. Drainboard sends its rejections there too, so the team's one dead-letter queue holds them.
 */
record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The policy in the attribute's JSON, or null when the attribute is absent or blank. */
    static RedrivePolicy parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(json);
            String arn = n.path("deadLetterTargetArn").asText("");
            if (arn.isEmpty()) {
                return null;
            }
            // SQS writes maxReceiveCount as a number, some tools as a string
            JsonNode max = n.path("maxReceiveCount");
            int count = max.isNumber() ? max.asInt() : Integer.parseInt(max.asText("0").trim());
            return new RedrivePolicy(arn, count);
        } catch (Exception e) {
            throw new SourceException("The queue's RedrivePolicy attribute is not the JSON SQS writes ("
                    + e.getMessage() + "); fix or remove the policy", e, false);
        }
    }

    /** The dead-letter queue's name: the last part of its ARN ({@code arn:aws:sqs:region:account:name}). */
    String targetName() {
        return deadLetterTargetArn.substring(deadLetterTargetArn.lastIndexOf(':') + 1);
    }
}
