package dev.drainboard.model;

/**
 * A message that cannot become a row, with a reason a person understands.
 *
 * @param messageId the SQS message id
 * @param reason    why it was rejected, e.g. "field 'ip' is missing"; never contains field values
 * @param summary   a redacted description of the body (its length and top-level keys), never its values
 */
public record Rejection(String messageId, String reason, String summary) {
}
