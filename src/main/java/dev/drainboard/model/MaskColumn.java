package dev.drainboard.model;

/** The two masked columns of {@code user_logins}: what an analyst groups by and an operator reveals. */
public enum MaskColumn {
    MASKED_IP("masked_ip"), MASKED_DEVICE_ID("masked_device_id");

    private final String column;

    MaskColumn(String column) {
        this.column = column;
    }

    /** The column's name in {@code user_logins}. */
    public String column() {
        return column;
    }
}
