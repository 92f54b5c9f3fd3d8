package dev.drainboard.model;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a run of {@code mask-table} (or a re-encryption) stands after a committed batch.
 *
 * @param pagesDone      heap pages of the table behind the cursor (all batches committed so far, any run)
 * @param pagesTotal     heap pages to walk (the table's size when the run started, or later if it grew)
 * @param resumedAtPage  where this run started (0 for a fresh run)
 * @param rowsChanged    rows rewritten so far, this run and the runs it resumes
 * @param valuesChanged  values rewritten so far, this run and the runs it resumes
 * @param elapsed        time spent by this run
 */
public record MaskTableProgress(long pagesDone, long pagesTotal, long resumedAtPage, long rowsChanged,
                                long valuesChanged, Duration elapsed) {

    /** Between 0 and 1. */
    public double fraction() {
        return pagesTotal <= 0 ? 1.0 : Math.min(1.0, (double) pagesDone / pagesTotal);
    }

    /** The time left at this run's pace; empty before the pace is known. */
    public Optional<Duration> eta() {
        long done = pagesDone - resumedAtPage;
        if (done <= 0 || elapsed.isZero()) {
            return Optional.empty();
        }
        long left = Math.max(0, pagesTotal - pagesDone);
        return Optional.of(Duration.ofMillis((long) ((double) elapsed.toMillis() * left / done)));
    }
}
