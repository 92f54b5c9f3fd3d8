package dev.drainboard.ui.explore;

import dev.drainboard.app.CsvExport;
import dev.drainboard.app.Explore;
import dev.drainboard.model.ChartSeries;
import dev.drainboard.model.ExplorePage;
import dev.drainboard.model.ExploreRow;
import dev.drainboard.model.ExploreSort;
import dev.drainboard.model.LoginFilter;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskSummary;
import dev.drainboard.model.PageRequest;
import dev.drainboard.model.SharedMasks;
import dev.drainboard.model.ChartKind;
import dev.drainboard.ui.common.Problems;
import dev.drainboard.ui.common.Session;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Explore tab: the analyst's filters over {@code user_logins}, keyset pages of the matching
 * rows, follow-a-mask, the masks of a user, the shared device ids and ips, charts of the current
 * filter and CSV export. Every query runs through {@link Session#tasks()}; a result that arrives
 * after a newer request was made is dropped. UI thread only.
 */
public final class ExploreModel {
    static final int SHARED_LIMIT = 500;
    static final int TOP_N = 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final Session session;
    // the filter being edited
    private final StringProperty userId = new SimpleStringProperty("");
    private final StringProperty maskedIp = new SimpleStringProperty("");
    private final StringProperty maskedDeviceId = new SimpleStringProperty("");
    private final StringProperty deviceType = new SimpleStringProperty("");
    private final StringProperty locale = new SimpleStringProperty("");
    private final StringProperty appVersion = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObjectProperty<ExploreSort> sort = new SimpleObjectProperty<>(ExploreSort.DATE);
    private final IntegerProperty pageSize = new SimpleIntegerProperty(100);
    private final StringProperty exportPath = new SimpleStringProperty(
            Path.of(System.getProperty("user.home"), "drainboard-export.csv").toString());
    // what is shown
    private final ReadOnlyObjectWrapper<LoginFilter> applied = new ReadOnlyObjectWrapper<>(LoginFilter.ALL);
    private final ObservableList<ExploreRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper sentence = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pageInfo = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper followed = new ReadOnlyStringWrapper("");
    private final ObservableList<MaskSummary> userMasks = FXCollections.observableArrayList();
    private final ObservableList<MaskSummary> sharedDevices = FXCollections.observableArrayList();
    private final ObservableList<MaskSummary> sharedIps = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper sharedInfo = new ReadOnlyStringWrapper("");
    private final Map<ChartKind, ReadOnlyObjectWrapper<ChartSeries>> charts = new EnumMap<>(ChartKind.class);
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyLongWrapper exported = new ReadOnlyLongWrapper(0);
    private final ReadOnlyStringWrapper exportStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private boolean chartsShown;
    private int pageNumber;
    private int pageGeneration;
    private int chartGeneration;
    private AtomicBoolean cancelExport = new AtomicBoolean();

    public ExploreModel(Session session) {
        this.session = session;
        for (ChartKind c : ChartKind.values()) {
            charts.put(c, new ReadOnlyObjectWrapper<>(new ChartSeries(List.of(), false)));
        }
    }

    private Explore explore() {
        return session.operations().explore();
    }

    /** The filter as typed (blank fields select everything). */
    public LoginFilter typedFilter() {
        return new LoginFilter(userId.get(), maskedIp.get(), maskedDeviceId.get(), deviceType.get(), locale.get(),
                appVersion.get(), from.get(), to.get());
    }

    // --- filter and pages ---

    /** Applies the typed filter: the first page, the count, the charts when shown. */
    public void apply() {
        if (from.get() != null && to.get() != null && from.get().isAfter(to.get())) {
            status.set("The date range is empty: " + from.get() + " is after " + to.get() + ".");
            return;
        }
        show(typedFilter());
    }

    /** Clears every field and shows all rows. */
    public void clear() {
        setFields(LoginFilter.ALL);
        followed.set("");
        userMasks.clear();
        show(LoginFilter.ALL);
    }

    private void show(LoginFilter f) {
        if (!session.connected()) {
            return;
        }
        applied.set(f);
        sentence.set(f.sentence() + ": counting…");
        status.set("");
        load(PageRequest.first(size()), 1);
        session.tasks().run("count the rows", () -> explore().count(f), c -> {
            if (applied.get().equals(f)) {
                sentence.set(f.sentence(c));
            }
        }, e -> sentence.set(f.sentence() + ": count failed (" + Problems.cause(e) + ")"));
        if (chartsShown) {
            refreshCharts();
        }
    }

    public void firstPage() {
        if (session.connected()) {
            load(PageRequest.first(size()), 1);
        }
    }

    public void nextPage() {
        if (hasNext.get() && !rows.isEmpty()) {
            load(new PageRequest(PageRequest.Direction.NEXT, rows.get(rows.size() - 1), size()), pageNumber + 1);
        }
    }

    public void previousPage() {
        if (hasPrevious.get() && !rows.isEmpty()) {
            load(new PageRequest(PageRequest.Direction.PREVIOUS, rows.get(0), size()), Math.max(1, pageNumber - 1));
        }
    }

    private int size() {
        return Math.max(PageRequest.MIN_SIZE, Math.min(PageRequest.MAX_SIZE, pageSize.get()));
    }

    private void load(PageRequest req, int number) {
        LoginFilter f = applied.get();
        ExploreSort s = sort.get();
        int gen = ++pageGeneration;
        pageInfo.set("Reading…");
        session.tasks().run("read a page", () -> explore().page(f, s, req), p -> {
            if (gen != pageGeneration) {
                return;
            }
            showPage(p, req, number);
        }, e -> {
            if (gen == pageGeneration) {
                pageInfo.set("");
                status.set(Problems.describe("read the rows", e));
            }
        });
    }

    private void showPage(ExplorePage p, PageRequest req, int number) {
        if (p.rows().isEmpty() && req.direction() != PageRequest.Direction.FIRST) {
            // Everything past the anchor was deleted meanwhile: stay, and say so.
            if (req.direction() == PageRequest.Direction.NEXT) {
                hasNext.set(false);
            } else {
                hasPrevious.set(false);
            }
            pageInfo.set("Page " + pageNumber + " · no more rows in that direction");
            return;
        }
        pageNumber = p.hasPrevious() ? number : 1;
        rows.setAll(p.rows());
        hasNext.set(p.hasNext());
        hasPrevious.set(p.hasPrevious());
        pageInfo.set(rows.isEmpty() ? "No rows match." : "Page " + pageNumber + " · " + rows.size() + " rows");
    }

    // --- follow a mask ---

    /** Shows every row with this mask, and what it touches. */
    public void follow(MaskColumn column, String mask) {
        if (mask == null || mask.isBlank() || !session.connected()) {
            return;
        }
        LoginFilter f = LoginFilter.ofMask(column, mask);
        setFields(f);
        userMasks.clear();
        show(f);
        followed.set("Following " + label(column) + " " + mask + "…");
        session.tasks().run("follow a mask", () -> explore().follow(column, mask), s -> {
            if (applied.get().equals(f)) {
                followed.set(describe(s));
            }
        }, e -> followed.set(Problems.describe("follow the mask", e)));
    }

    /** Shows the rows of a user id and every mask it used. */
    public void followUser(String user) {
        if (user == null || user.isBlank() || !session.connected()) {
            return;
        }
        LoginFilter f = LoginFilter.ALL.withUserId(user);
        setFields(f);
        show(f);
        followed.set("Masks of user id " + user + "…");
        session.tasks().run("read the masks of a user", () -> explore().masksOf(user), masks -> {
            if (!applied.get().equals(f)) {
                return;
            }
            userMasks.setAll(masks);
            long shared = masks.stream().filter(m -> m.users() > 1).count();
            followed.set("User id " + user + " used " + masks.size() + " masks; " + shared
                    + " of them are shared with other user ids.");
        }, e -> followed.set(Problems.describe("read the masks of the user", e)));
    }

    static String describe(MaskSummary s) {
        return label(s.column()) + " " + CsvExport.masked(s.mask()) + ": " + s.rows() + (s.rows() == 1 ? " row, " : " rows, ")
                + s.users() + (s.users() == 1 ? " user id" : " distinct user ids") + (s.first() == null ? ""
                : ", first " + s.first() + ", last " + s.last());
    }

    static String label(MaskColumn c) {
        return c == MaskColumn.MASKED_IP ? "masked ip" : "masked device id";
    }

    private void setFields(LoginFilter f) {
        userId.set(nz(f.userId()));
        maskedIp.set(nz(f.maskedIp()));
        maskedDeviceId.set(nz(f.maskedDeviceId()));
        deviceType.set(nz(f.deviceType()));
        locale.set(nz(f.locale()));
        appVersion.set(nz(f.appVersion()));
        from.set(f.from());
        to.set(f.to());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // --- shared masks ---

    /** Reads the device ids and ips used by two or more user ids. */
    public void refreshShared() {
        if (!session.connected()) {
            return;
        }
        sharedInfo.set("Reading…");
        session.tasks().run("read the shared masks", () -> List.of(explore().shared(MaskColumn.MASKED_DEVICE_ID,
                SHARED_LIMIT), explore().shared(MaskColumn.MASKED_IP, SHARED_LIMIT)), l -> showShared(l.get(0),
                l.get(1)), e -> sharedInfo.set(Problems.describe("read the shared masks", e)));
    }

    private void showShared(SharedMasks devices, SharedMasks ips) {
        sharedDevices.setAll(devices.masks());
        sharedIps.setAll(ips.masks());
        String when = devices.computedAt() == null ? "not grouped yet: press Regroup"
                : "grouped " + TIME.format(devices.computedAt()) + " over " + devices.tableRows() + " rows";
        sharedInfo.set(many(devices.masks().size()) + " device ids and " + many(ips.masks().size())
                + " ips are used by two or more user ids (" + when + ").");
    }

    private static String many(int shown) {
        return shown >= SHARED_LIMIT ? shown + "+ (the first " + shown + " listed)" : Integer.toString(shown);
    }

    /** Groups the whole table again (a scan), then reads the shared lists. */
    public void regroup() {
        if (!session.connected()) {
            return;
        }
        sharedInfo.set("Grouping every mask of user_logins (a scan of the table)…");
        session.tasks().run("group the masks", () -> explore().regroup(), n -> refreshShared(),
                e -> sharedInfo.set(Problems.describe("group the masks", e)));
    }

    // --- charts ---

    /** Whether the charts are on screen; they then follow every applied filter. */
    public void setChartsShown(boolean shown) {
        boolean was = chartsShown;
        chartsShown = shown;
        if (shown && !was) {
            refreshCharts();
        }
    }

    public void refreshCharts() {
        if (!session.connected()) {
            return;
        }
        LoginFilter f = applied.get();
        int gen = ++chartGeneration;
        for (ChartKind c : ChartKind.values()) {
            session.tasks().run("compute a chart", () -> explore().chart(c, f, TOP_N), s -> {
                if (gen == chartGeneration) {
                    charts.get(c).set(s);
                }
            }, e -> status.set(Problems.describe("compute a chart", e)));
        }
    }

    // --- export ---

    /** Writes the applied filter's rows to {@link #exportPathProperty()} as CSV, in the background. */
    public void exportRows() {
        LoginFilter f = applied.get();
        ExploreSort s = sort.get();
        export("rows of " + f.sentence(), (w, cancel) -> CsvExport.rows(explore(), f, s, w,
                n -> session.tasks().onUi(() -> exported.set(n)), cancel::get));
    }

    /** Writes the shared device ids (every one, not just the page shown) as CSV. */
    public void exportSharedDevices() {
        export("shared device ids", (w, cancel) -> CsvExport.shared(explore(), MaskColumn.MASKED_DEVICE_ID,
                Long.MAX_VALUE, w, n -> session.tasks().onUi(() -> exported.set(n)), cancel::get));
    }

    interface ExportJob {
        long write(Writer w, AtomicBoolean cancel) throws Exception;
    }

    private void export(String what, ExportJob job) {
        if (exporting.get() || !session.connected()) {
            return;
        }
        String target = exportPath.get() == null ? "" : exportPath.get().strip();
        if (target.isEmpty()) {
            exportStatus.set("Say where to write the CSV file first.");
            return;
        }
        Path file = Path.of(target);
        Path part = file.resolveSibling(file.getFileName() + ".part");
        AtomicBoolean cancel = new AtomicBoolean();
        cancelExport = cancel;
        exporting.set(true);
        exported.set(0);
        exportStatus.set("Exporting " + what + " to " + file + "…");
        session.tasks().run("export CSV", () -> {
            try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                long n = job.write(w, cancel);
                w.close();
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
                return n;
            } catch (Exception e) {
                Files.deleteIfExists(part);
                throw e;
            }
        }, n -> {
            exporting.set(false);
            exported.set(n);
            exportStatus.set("Exported " + n + " " + what + " to " + file);
            session.log().add("Exported " + n + " " + what + " to " + file + " (masked values only)");
        }, e -> {
            exporting.set(false);
            boolean cancelled = e instanceof CancellationException || e.getCause() instanceof CancellationException;
            exportStatus.set(cancelled ? "Export cancelled; no file was written." : Problems.describe("export", e));
        });
    }

    /** Stops a running export between rows; the partial file is removed. */
    public void cancelExport() {
        cancelExport.set(true);
    }

    // --- copy ---

    /** The masked values of {@code selected}, one tab-separated line per row, with a header line. */
    public static String copyText(List<ExploreRow> selected) {
        String header = String.join("\t", CsvExport.ROW_HEADER);
        // defused as in the CSV: a paste into a spreadsheet must not run a formula either
        return header + "\n" + selected.stream().map(r -> String.join("\t", nz(CsvExport.defused(r.login().userId())),
                nz(CsvExport.defused(r.login().deviceType())), nz(CsvExport.masked(r.login().maskedIp())),
                nz(CsvExport.masked(r.login().maskedDeviceId())), nz(CsvExport.defused(r.login().locale())),
                nz(CsvExport.defused(r.login().appVersion())),
                r.login().createDate() == null ? "" : r.login().createDate().toString()))
                .collect(Collectors.joining("\n"));
    }

    /** The masks of {@code selected} summaries, one per line. */
    public static String copyMasks(List<MaskSummary> selected) {
        return selected.stream().map(m -> CsvExport.masked(m.mask())).collect(Collectors.joining("\n"));
    }

    // --- properties ---

    public StringProperty userIdProperty() {
        return userId;
    }

    public StringProperty maskedIpProperty() {
        return maskedIp;
    }

    public StringProperty maskedDeviceIdProperty() {
        return maskedDeviceId;
    }

    public StringProperty deviceTypeProperty() {
        return deviceType;
    }

    public StringProperty localeProperty() {
        return locale;
    }

    public StringProperty appVersionProperty() {
        return appVersion;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ObjectProperty<ExploreSort> sortProperty() {
        return sort;
    }

    public IntegerProperty pageSizeProperty() {
        return pageSize;
    }

    public StringProperty exportPathProperty() {
        return exportPath;
    }

    public ReadOnlyObjectProperty<LoginFilter> appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    public ObservableList<ExploreRow> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty hasNextProperty() {
        return hasNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasPreviousProperty() {
        return hasPrevious.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sentenceProperty() {
        return sentence.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pageInfoProperty() {
        return pageInfo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty followedProperty() {
        return followed.getReadOnlyProperty();
    }

    public ObservableList<MaskSummary> userMasks() {
        return userMasks;
    }

    public ObservableList<MaskSummary> sharedDevices() {
        return sharedDevices;
    }

    public ObservableList<MaskSummary> sharedIps() {
        return sharedIps;
    }

    public ReadOnlyStringProperty sharedInfoProperty() {
        return sharedInfo.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ChartSeries> chartProperty(ChartKind c) {
        return charts.get(c).getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty exportedProperty() {
        return exported.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exportStatusProperty() {
        return exportStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
