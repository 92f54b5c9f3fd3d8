package dev.drainboard.model;

/**
 * Which keyset page to read: the first one, or the one after / before {@code anchor} (the last /
 * first row of the page on screen). The anchor need not still exist: a deleted row is still a
 * valid position, so paging past deletions neither repeats nor skips rows.
 */
public record PageRequest(Direction direction, ExploreRow anchor, int size) {
    public static final int MIN_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public enum Direction { FIRST, NEXT, PREVIOUS }

    public PageRequest {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be " + MIN_SIZE + "–" + MAX_SIZE + ", not " + size);
        }
        if (direction != Direction.FIRST && anchor == null) {
            throw new IllegalArgumentException(direction + " needs the row it starts from");
        }
    }

    public static PageRequest first(int size) {
        return new PageRequest(Direction.FIRST, null, size);
    }
}
