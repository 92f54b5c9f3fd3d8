package dev.drainboard.model;

/** A mask and how many committed rows carry it. */
public record MaskGroup(String mask, long count) {
}
