package dev.drainboard.app;

import dev.drainboard.config.AppConfig;
import dev.drainboard.embedded.DataFolder;
import dev.drainboard.embedded.EmbeddedPostgresServer;
import dev.drainboard.embedded.EmbeddedStack;
import dev.drainboard.pipeline.Revealer;
import dev.drainboard.sink.PostgresLoginSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * What {@code drainboard unmask} needs and nothing more: PostgreSQL (embedded or configured) and
 * the SIV keyset. Unlike {@link Workspace} it never touches SQS, so a reveal works while the queue
 * is down and never sends the first-start sample messages.
 */
public final class RevealDesk implements AutoCloseable {
    private final EmbeddedStack embedded;
    private final PostgresLoginSink sink;
    private final Revealer revealer;

    private RevealDesk(EmbeddedStack embedded, PostgresLoginSink sink, Revealer revealer) {
        this.embedded = embedded;
        this.sink = sink;
        this.revealer = revealer;
    }

    public static RevealDesk open(AppConfig config, Consumer<String> status) {
        Masking masking = Masking.forReveal(config);
        EmbeddedStack pg = null;
        try {
            AppConfig effective = config;
            if (config.embeddedDb()) {
                pg = EmbeddedStack.open(DataFolder.lock(config.dataDir()), false, status);
                EmbeddedPostgresServer server = pg.postgres();
                effective = config.withJdbcUrl(server.jdbcUrl()).withDbCredentials(server.user(), server.password());
            }
            PostgresLoginSink sink = PostgresLoginSink.open(effective.jdbcUrl().orElseThrow(), effective.dbUser(),
                    effective.dbPassword(), 2);
            return new RevealDesk(pg, sink, masking.revealer(sink.dataSource()));
        } catch (IOException e) {
            closeQuietly(pg);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(pg);
            throw e;
        }
    }

    public Revealer revealer() {
        return revealer;
    }

    public String databaseDescription() {
        return sink.describe();
    }

    @Override
    public void close() {
        sink.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedStack pg) {
        if (pg != null) {
            pg.close();
        }
    }
}
