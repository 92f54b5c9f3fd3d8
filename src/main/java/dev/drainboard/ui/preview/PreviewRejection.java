package dev.drainboard.ui.preview;

import dev.drainboard.model.Batch;
import dev.drainboard.model.Rejection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One line of the preview's rejections table: a message of the batch in hand that cannot become a
 * row, and why. Holds no field value (the raw body stays in the queue until Commit moves it to the
 * dead-letter queue).
 */
public record PreviewRejection(String messageId, String reason) {

    /** The rejected messages of a fetched batch. */
    public static List<PreviewRejection> of(Batch batch) {
        return batch.rejections().stream().map(PreviewRejection::of).collect(Collectors.toList());
    }

    static PreviewRejection of(Rejection r) {
        return new PreviewRejection(r.messageId(), r.reason());
    }
}
