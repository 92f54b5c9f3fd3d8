package dev.drainboard.ui.shell;

import dev.drainboard.ui.masktable.MaskTableModel;

import dev.drainboard.app.Migration;
import dev.drainboard.app.Operations;
import dev.drainboard.ui.common.ActivityLog;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.common.Session;
import dev.drainboard.ui.common.Tasks;
import dev.drainboard.ui.demo.DemoModel;
import dev.drainboard.ui.demo.PipelineModel;
import dev.drainboard.ui.demo.PresentationModel;
import dev.drainboard.ui.drain.DrainModel;
import dev.drainboard.ui.explore.ExploreModel;
import dev.drainboard.ui.preview.PreviewModel;
import dev.drainboard.ui.queue.QueueModel;
import dev.drainboard.ui.reveal.RevealModel;
import dev.drainboard.ui.stored.StoredModel;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The console's root view model: opens the application facade in the background, owns the child models and
 * closes everything in order. Commands run on the UI thread and return at once; the work goes
 * through {@link Tasks}.
 */
public final class ConsoleModel {
    private final Session session;
    private final QueueModel queue;
    private final PreviewModel preview;
    private final DrainModel drain;
    private final StoredModel stored;
    private final DemoModel demo;
    private final RevealModel reveal;
    private final MaskTableModel maskTable;
    private final ExploreModel explore;
    private final PresentationModel presentation = new PresentationModel();
    private final PipelineModel pipeline;
    private final ReadOnlyStringWrapper startup = new ReadOnlyStringWrapper("Starting…");
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper fingerprint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper maskPolicy = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sqsWhere = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper dbWhere = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper migrationOffered = new ReadOnlyBooleanWrapper(false);
    private volatile CountDownLatch opening = new CountDownLatch(1);
    private volatile Operations opened;
    private volatile boolean started;
    private Opener lastOpener;
    private Migrator migrator;

    public ConsoleModel(Tasks tasks, Clock clock) {
        this.session = new Session(tasks, clock);
        this.queue = new QueueModel(session);
        this.preview = new PreviewModel(session);
        this.drain = new DrainModel(session);
        this.stored = new StoredModel(session);
        this.demo = new DemoModel(session);
        this.reveal = new RevealModel(session);
        this.maskTable = new MaskTableModel(session);
        this.explore = new ExploreModel(session);
        this.pipeline = new PipelineModel(drain.statsProperty(), drain.running(), queue.queue(0), queue.queue(1),
                queue.deadLetter(0));
        session.onStoredChanged(queue::refreshNow);
        session.onStoredChanged(stored::refresh);
    }

    /**
     * Opens the facade with {@code opener} (blocking: starts embedded servers) on a background
     * thread; progress words arrive through the opener's status consumer.
     */
    public void start(Opener opener) {
        start(opener, null);
    }

    /**
     * As {@link #start(Opener)}; when opening fails because {@code app_version} is still an integer,
     * {@link #migrationOfferedProperty()} turns true and {@link #migrateAppVersion()} runs {@code migrator}.
     */
    public void start(Opener opener, Migrator migrator) {
        this.lastOpener = opener;
        this.migrator = migrator;
        migrationOffered.set(false);
        CountDownLatch latch = started ? new CountDownLatch(1) : opening;
        opening = latch;
        started = true;
        session.setState(ConsoleState.STARTING);
        session.log().add("Starting…");
        session.tasks().run("start", () -> {
            try {
                opened = opener.open(s -> session.tasks().onUi(() -> {
                    startup.set(s);
                    session.log().add(s);
                }));
                return opened;
            } finally {
                latch.countDown();
            }
        }, this::connected, e -> {
            startup.set("Could not start");
            session.setState(ConsoleState.START_FAILED);
            session.problem("start", e);
            migrationOffered.set(migrator != null && needsMigration(e));
        });
    }

    private static boolean needsMigration(Throwable e) {
        return Migration.isNeededFor(e);
    }

    /** Runs {@link Migration#APP_VERSION_SQL} on the configured database (blocking). */
    public interface Migrator {
        void migrate() throws Exception;
    }

    /** The one statement the migration runs, for the confirmation. */
    public String migrationSql() {
        return Migration.APP_VERSION_SQL;
    }

    /** True after a start failed on the integer {@code app_version} and the migration can fix it. */
    public ReadOnlyBooleanProperty migrationOfferedProperty() {
        return migrationOffered.getReadOnlyProperty();
    }

    /** Runs the confirmed migration in the background, then starts again with the same opener. */
    public void migrateAppVersion() {
        if (!migrationOffered.get()) {
            return;
        }
        migrationOffered.set(false);
        session.log().add("Migrating: " + Migration.APP_VERSION_SQL);
        session.tasks().run("migrate app_version", () -> {
            migrator.migrate();
            return Boolean.TRUE;
        }, ok -> {
            session.log().add("Migrated: " + Migration.APP_VERSION_SQL);
            session.dismissBanner();
            start(lastOpener, migrator);
        }, e -> {
            session.problem("migrate app_version", e);
            migrationOffered.set(true);
        });
    }

    /** Opens the facade, reporting steps to {@code status} (from any thread). */
    public interface Opener {
        Operations open(java.util.function.Consumer<String> status) throws Exception;

        static Opener of(Callable<Operations> c) {
            return status -> c.call();
        }
    }

    private void connected(Operations ops) {
        if (session.state() == ConsoleState.CLOSED) {
            return;
        }
        session.connect(ops);
        Operations.About b = ops.about();
        mode.set(b.mode());
        fingerprint.set(b.keyFingerprint());
        maskPolicy.set(b.maskPolicy());
        sqsWhere.set(b.sqsWhere());
        dbWhere.set(b.dbWhere());
        startup.set("Ready");
        session.log().add("Ready: " + b.mode() + ", mask key " + b.keyFingerprint()
                + " (endpoints: hover the SQS and PostgreSQL lights)");
        reveal.connected(ops);
        session.setState(ConsoleState.IDLE);
        queue.start();
        stored.refresh();
    }

    /**
     * Closes the console: stops polling, stops a running drain (waiting for its commit in flight),
     * releases the batch in hand, then closes the facade. Blocking; call it off the FX thread.
     */
    public void close() {
        queue.stop();
        drain.stopAndWait(Duration.ofSeconds(20));
        preview.closeAndRelease();
        try {
            // A close during start waits for the servers to be up, so that they can be stopped.
            opening.await(started ? 60 : 0, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Operations ops = opened;
        if (ops != null) {
            try {
                ops.close();
            } catch (Exception e) {
                // Closing is best effort: the servers die with the process anyway.
            }
        }
        session.tasks().shutdown();
    }

    /** Marks the console closed, so no button stays enabled while {@link #close()} runs. UI thread. */
    public void closing() {
        session.setState(ConsoleState.CLOSED);
    }

    public ReadOnlyObjectProperty<ConsoleState> stateProperty() {
        return session.stateProperty();
    }

    public ConsoleState state() {
        return session.state();
    }

    public ReadOnlyStringProperty bannerProperty() {
        return session.bannerProperty();
    }

    public void dismissBanner() {
        session.dismissBanner();
    }

    public ActivityLog log() {
        return session.log();
    }

    public ReadOnlyStringProperty startupProperty() {
        return startup.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** The mask policy in force, for people: "masked: ip, device_id". */
    public ReadOnlyStringProperty maskPolicyProperty() {
        return maskPolicy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fingerprintProperty() {
        return fingerprint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sqsWhereProperty() {
        return sqsWhere.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dbWhereProperty() {
        return dbWhere.getReadOnlyProperty();
    }

    public QueueModel queue() {
        return queue;
    }

    public PreviewModel preview() {
        return preview;
    }

    public DrainModel drain() {
        return drain;
    }

    public StoredModel stored() {
        return stored;
    }

    public DemoModel demo() {
        return demo;
    }

    public MaskTableModel maskTable() {
        return maskTable;
    }

    public RevealModel reveal() {
        return reveal;
    }

    public ExploreModel explore() {
        return explore;
    }

    /** Demo mode and the presentation zoom. */
    public PresentationModel presentation() {
        return presentation;
    }

    /** The demo strip's counts. */
    public PipelineModel pipeline() {
        return pipeline;
    }
}
