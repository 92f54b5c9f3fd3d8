package dev.drainboard.sink;

/** The target table exists in a shape Drainboard cannot write to safely. */
public class SchemaException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean appVersionMigrationNeeded;

    public SchemaException(String message) {
        this(message, false);
    }

    public SchemaException(String message, boolean appVersionMigrationNeeded) {
        super(message);
        this.appVersionMigrationNeeded = appVersionMigrationNeeded;
    }

    /** True when {@link Schema#MIGRATE_APP_VERSION} would fix the problem. */
    public boolean appVersionMigrationNeeded() {
        return appVersionMigrationNeeded;
    }
}
