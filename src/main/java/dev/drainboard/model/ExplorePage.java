package dev.drainboard.model;

import java.util.List;

/**
 * One keyset page. {@code hasNext}/{@code hasPrevious} say whether rows exist after the last and
 * before the first row of this page at the time it was read.
 */
public record ExplorePage(List<ExploreRow> rows, boolean hasPrevious, boolean hasNext) {
    public static final ExplorePage EMPTY = new ExplorePage(List.of(), false, false);
}
