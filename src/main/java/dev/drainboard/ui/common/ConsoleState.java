package dev.drainboard.ui.common;

/**
 * What the console is doing. Every button's enablement is a binding on this one value, so a
 * button can never offer an action that the current state does not allow.
 */
public enum ConsoleState {
    /** The workspace (embedded servers, connections) is being opened. */
    STARTING,
    /** Opening failed; the banner says why. Only closing makes sense. */
    START_FAILED,
    /** Connected, nothing in hand: fetch, drain, send demo messages, replay. */
    IDLE,
    /** A one-shot call (fetch, send, replay) is running. */
    BUSY,
    /** A fetched batch is in hand, leased: commit or release it. */
    PREVIEW,
    /** A commit or release of the batch in hand is running. */
    SETTLING,
    /** A full drain is running: only Stop. */
    DRAINING,
    /** Stop was pressed; the drain finishes its commit in flight and releases the rest. */
    STOPPING,
    /** The window is closing. */
    CLOSED
}
