package dev.drainboard.model;

/** The orders of an Explore page: newest create date first, or by user id (then date). */
public enum ExploreSort {
    DATE, USER_ID
}
