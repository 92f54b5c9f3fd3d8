package dev.drainboard.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigException;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.config.SivKeyset;
import dev.drainboard.model.ReEncryptResult;
import dev.drainboard.pipeline.OsUser;
import dev.drainboard.pipeline.ReEncryptRewrite;
import dev.drainboard.sink.ReEncryptionAudit;
import dev.drainboard.transform.SivMasker;
import dev.drainboard.transform.Unmasker;
import java.util.Optional;
import dev.drainboard.config.MaskKeys;
import dev.drainboard.embedded.DataFolder;
import dev.drainboard.embedded.EmbeddedPostgresServer;
import dev.drainboard.embedded.EmbeddedStack;
import dev.drainboard.model.ColumnMask;
import dev.drainboard.model.MaskTableDryRun;
import dev.drainboard.model.MaskTableProgress;
import dev.drainboard.model.MaskTableResult;
import dev.drainboard.pipeline.MaskRewrite;
import dev.drainboard.sink.PostgresLoginSink;
import dev.drainboard.sink.TableRewriter;
import dev.drainboard.transform.Masker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * {@code drainboard mask-table} and the console's "Mask an existing table..." action: masks, in
 * place, the columns of a stored table that hold raw values, with the deployment's masker. Opens
 * only PostgreSQL (embedded or configured) and the key; never SQS, and never the drain schema
 * check, so it also works on the exercise's original table ({@code app_version integer}) or on
 * any other table. Not thread-safe: one walk at a time.
 */
public final class MaskTableDesk implements AutoCloseable {
    /** The flattened login fields; a mapping names one of them, since the field name is part of the mask. */
    public static final Set<String> FIELDS = Set.of("user_id", "device_type", "ip", "device_id", "locale",
            "app_version");
    public static final String DEFAULT_TABLE = "user_logins";
    public static final int DEFAULT_BATCH_ROWS = 5_000;

    private final EmbeddedStack embedded;
    private final HikariDataSource ownedPool;
    private final TableRewriter rewriter;
    private final Masker masker;
    private final String masking;
    private final DataSource ds;
    private final String where;
    private final Optional<SivKeyset> keyset;

    private MaskTableDesk(EmbeddedStack embedded, HikariDataSource ownedPool, DataSource ds, String where,
                          Masking m) {
        this.embedded = embedded;
        this.ownedPool = ownedPool;
        this.ds = ds;
        this.where = ConfigLoader.redactUrl(where);
        this.rewriter = new TableRewriter(ds, where);
        this.masker = m.masker();
        this.masking = m.description();
        this.keyset = m.keyset();
    }

    /** Opens PostgreSQL and the mask key of {@code config}; the desk owns and closes them. */
    public static MaskTableDesk open(AppConfig config, Consumer<String> status) {
        EmbeddedStack pg = null;
        HikariDataSource pool = null;
        try {
            AppConfig effective = config;
            if (config.embeddedDb()) {
                pg = EmbeddedStack.open(DataFolder.lock(config.dataDir()), false, status);
                EmbeddedPostgresServer server = pg.postgres();
                effective = config.withJdbcUrl(server.jdbcUrl()).withDbCredentials(server.user(), server.password());
            } else {
                DataFolder.prepare(config.dataDir());
            }
            Masking m = Masking.open(config, MaskKeys.load(config));
            String url = effective.jdbcUrl().orElseThrow();
            pool = PostgresLoginSink.pool(url, effective.dbUser(), effective.dbPassword(), 2);
            return new MaskTableDesk(pg, pool, pool, url, m);
        } catch (IOException e) {
            closeQuietly(pool, pg);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(pool, pg);
            throw e;
        }
    }

    /** A desk over an open workspace's database and masker (the console); closing it closes nothing. */
    public static MaskTableDesk over(Workspace ws) {
        return over(ws.sink().dataSource(), ws.sink().describe(), ws.masking());
    }

    /** A desk over a pool the caller owns; {@code where} names the database in messages. */
    public static MaskTableDesk over(DataSource ds, String where, Masking masking) {
        return new MaskTableDesk(null, null, ds, where, masking);
    }

    /** The scheme and key fingerprint the values get (never key material). */
    public String masking() {
        return masking;
    }

    /**
     * Checks the table and columns; throws {@code SchemaException} saying why one is not usable
     * (no such table, not a plain table, a column missing, not text, too narrow for a mask).
     */
    public String recognise(String table, List<ColumnMask> columns) {
        return rewriter.recognise(table, columns, FIELDS).table();
    }

    /** What {@link #run} would change, and a sample of masked output; writes nothing. */
    public MaskTableDryRun dryRun(String table, List<ColumnMask> columns, int sampleSize) {
        return rewriter.dryRun(rewriter.recognise(table, columns, FIELDS), new MaskRewrite(masker), sampleSize);
    }

    /**
     * Masks the raw values of the columns, resuming a walk that was interrupted; {@code stop} is
     * checked between batches. See {@link TableRewriter#run}.
     */
    public MaskTableResult run(String table, List<ColumnMask> columns, int batchRows, boolean restart,
                               Consumer<MaskTableProgress> progress, BooleanSupplier stop) {
        TableRewriter.Target target = rewriter.recognise(table, columns, FIELDS);
        MaskRewrite rewrite = new MaskRewrite(masker);
        MaskTableResult r = rewriter.run(target, rewrite, batchRows, restart, progress, stop);
        return new MaskTableResult(r.table(), r.columns(), r.finished(), r.resumedAtPage(), r.rowsChanged(),
                r.valuesChanged(), r.rowsScanned(), rewrite.notAddresses(), r.elapsed());
    }

    /**
     * Moves the {@code v2:} values of the columns that are under an old key of the SIV keyset to its
     * primary key, batch by batch, resuming an interrupted run; writes one audit row for this run
     * in {@code drainboard_reencryptions}. Refuses without a keyset.
     */
    public ReEncryptResult reEncrypt(String table, List<ColumnMask> columns, int batchRows, boolean restart,
                                     Consumer<MaskTableProgress> progress, BooleanSupplier stop) {
        SivKeyset ks = keyset.orElseThrow(() -> new ConfigException("There is no SIV keyset to re-encrypt with: "
                + "create one with `drainboard keys create` (or restore the keyset file), then rotate it."));
        TableRewriter.Target target = rewriter.recognise(table, columns, FIELDS);
        String newKey = SivMasker.keyIdText(ks.primaryId());
        long audit = ReEncryptionAudit.begin(ds, where, OsUser.current(), target.table(), target.columns().toString(),
                newKey);
        ReEncryptRewrite rewrite = new ReEncryptRewrite(new Unmasker(ks.handle()), new SivMasker(ks.handle()), newKey,
                audit);
        MaskTableResult r = rewriter.run(target, rewrite, batchRows, restart, progress, stop);
        if (r.finished()) {
            ReEncryptionAudit.finish(ds, where, audit);
        }
        return new ReEncryptResult(r, newKey, rewrite.oldKeyIds(), rewrite.unreadable(), audit);
    }

    @Override
    public void close() {
        closeQuietly(ownedPool, embedded);
    }

    private static void closeQuietly(HikariDataSource pool, EmbeddedStack pg) {
        if (pool != null) {
            pool.close();
        }
        if (pg != null) {
            pg.close();
        }
    }
}
