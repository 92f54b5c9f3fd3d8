package dev.drainboard.model;

/** The charts of the Explore tab. */
public enum ChartKind {
    /** Logins per create date, stacked by device type. */
    PER_DAY_BY_DEVICE,
    /** Rows per locale, the top N. */
    BY_LOCALE,
    /** Rows per app version, the top N. */
    BY_APP_VERSION,
    /** How many device ids have 2, 3, 4… distinct user ids (the shared ones). */
    USERS_PER_DEVICE
}
