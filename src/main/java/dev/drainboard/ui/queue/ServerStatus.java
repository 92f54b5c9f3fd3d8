package dev.drainboard.ui.queue;

/** What a header light shows for SQS or PostgreSQL: not polled yet, answering, or not answering. */
public enum ServerStatus {
    CONNECTING("…", "-color-fg-subtle"),
    UP("ok", "-color-success-emphasis"),
    DOWN("down", "-color-danger-emphasis");

    private final String word;
    private final String colour;

    ServerStatus(String word, String colour) {
        this.word = word;
        this.colour = colour;
    }

    /** The word after the server's name: "SQS ok". */
    public String word() {
        return word;
    }

    /** The theme colour of the light's dot (an AtlantaFX looked-up colour). */
    public String colour() {
        return colour;
    }

    public static ServerStatus of(boolean up) {
        return up ? UP : DOWN;
    }
}
