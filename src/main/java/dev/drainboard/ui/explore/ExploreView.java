package dev.drainboard.ui.explore;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.drainboard.app.CsvExport;
import dev.drainboard.model.ChartKind;
import dev.drainboard.model.ChartSeries;
import dev.drainboard.model.ExploreRow;
import dev.drainboard.model.ExploreSort;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskSummary;
import dev.drainboard.model.PageRequest;
import dev.drainboard.ui.common.Cells;
import dev.drainboard.ui.common.Shortcuts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Explore tab, built in code and bound to {@link ExploreModel}: the filter bar and its
 * sentence, then Rows (keyset pages, follow a mask, the masks of a user), Shared (device ids and
 * ips used by several user ids) and Charts, and the export bar. Every action is a button with a
 * shortcut named in its tooltip; tables copy their selected masked values with Ctrl+C.
 */
public final class ExploreView {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private ExploreView() {
    }

    public static VBox build(ExploreModel m, Shortcuts keys) {
        TableView<ExploreRow> table = rowsTable(m);
        TableView<MaskSummary> userMasks = summaries("explore-user-masks", m.userMasks(), "No user id followed.", true);
        TableView<MaskSummary> devices = summaries("shared-devices-table", m.sharedDevices(), "No device id is used by "
                + "two or more user ids.", false);
        TableView<MaskSummary> ips = summaries("shared-ips-table", m.sharedIps(), "No ip is used by two or more user ids.",
                false);

        TabPane inner = new TabPane(tab("Rows", "explore-rows-tab", rowsPane(m, keys, table, userMasks)),
                tab("Shared devices & ips", "explore-shared-tab", sharedPane(m, keys, devices, ips)),
                tab("Charts", "explore-charts-tab", chartsPane(m, keys)));
        inner.setId("explore-inner-tabs");
        inner.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            m.setChartsShown(b.intValue() == 2);
            if (b.intValue() == 1 && m.sharedDevices().isEmpty()) {
                m.refreshShared();
            }
        });
        VBox.setVgrow(inner, Priority.ALWAYS);

        Label sentence = new Label();
        sentence.setId("explore-sentence");
        sentence.textProperty().bind(m.sentenceProperty());
        sentence.getStyleClass().add(Styles.TEXT_BOLD);
        sentence.setWrapText(true);
        Label followed = new Label();
        followed.setId("explore-followed");
        followed.textProperty().bind(m.followedProperty());
        followed.getStyleClass().add(Styles.TEXT_MUTED);
        followed.setWrapText(true);
        followed.managedProperty().bind(followed.textProperty().isNotEmpty());
        Label status = new Label();
        status.textProperty().bind(m.statusProperty());
        status.getStyleClass().add(Styles.DANGER);
        status.managedProperty().bind(status.textProperty().isNotEmpty());

        Node export = exportBar(m, keys);
        VBox box = new VBox(6, filterBar(m, keys), sentence, followed, status, inner, export);
        box.setPadding(new Insets(8, 12, 8, 12));
        inner.setMinHeight(160);
        return box;
    }

    // --- filter ---

    private static Node filterBar(ExploreModel m, Shortcuts keys) {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        field(g, 0, 0, "user id", "explore-user-id", m.userIdProperty(), "any", m);
        field(g, 1, 0, "masked ip", "explore-masked-ip", m.maskedIpProperty(), "v1:…", m);
        field(g, 2, 0, "masked device id", "explore-masked-device-id", m.maskedDeviceIdProperty(), "v1:…", m);
        field(g, 0, 1, "device type", "explore-device-type", m.deviceTypeProperty(), "ios, android…", m);
        field(g, 1, 1, "locale", "explore-locale", m.localeProperty(), "PH, RU…", m);
        field(g, 2, 1, "app version", "explore-app-version", m.appVersionProperty(), "2.3.0…", m);
        DatePicker from = new DatePicker();
        from.setId("explore-from");
        from.valueProperty().bindBidirectional(m.fromProperty());
        from.setPromptText("from");
        from.setPrefWidth(130);
        DatePicker to = new DatePicker();
        to.setId("explore-to");
        to.valueProperty().bindBidirectional(m.toProperty());
        to.setPromptText("to");
        to.setPrefWidth(130);
        ChoiceBox<ExploreSort> sort = new ChoiceBox<>();
        sort.getItems().setAll(ExploreSort.values());
        sort.valueProperty().bindBidirectional(m.sortProperty());
        sort.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExploreSort s) {
                return s == ExploreSort.USER_ID ? "by user id" : "newest first";
            }

            @Override
            public ExploreSort fromString(String s) {
                return s.contains("user") ? ExploreSort.USER_ID : ExploreSort.DATE;
            }
        });
        sort.setTooltip(Cells.tip("Order of the rows: by create date (newest first) or by user id"));
        Spinner<Integer> size = new Spinner<>(PageRequest.MIN_SIZE, PageRequest.MAX_SIZE, m.pageSizeProperty().get(),
                50);
        size.setId("explore-page-size");
        size.setPrefWidth(90);
        size.setEditable(true);
        size.valueProperty().addListener((o, a, b) -> m.pageSizeProperty().set(b));
        size.setTooltip(Cells.tip("Rows per page, 50–500"));
        Button apply = keys.button("Apply", "explore-apply", "Alt+Enter", "Show the rows that match every filled-in "
                + "field (blank fields match everything)", m::apply);
        apply.getStyleClass().add(Styles.ACCENT);
        Button clear = keys.button("Clear", "explore-clear", "Alt+L", "Empty every field and show all rows", m::clear);
        HBox dates = new HBox(6, label("create date"), from, new Label("…"), to, sort, label("page"), size, apply,
                clear);
        dates.setAlignment(Pos.CENTER_LEFT);
        g.add(dates, 0, 2, 6, 1);
        return g;
    }

    private static void field(GridPane g, int col, int row, String name, String id, StringProperty p, String prompt,
                              ExploreModel m) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        f.setPrefColumnCount(col == 0 ? 12 : 18);
        f.setOnAction(e -> m.apply());
        f.setTooltip(Cells.tip(name + " equals this value (Enter applies the filter)"));
        GridPane.setHgrow(f, Priority.ALWAYS);
        g.add(label(name), col * 2, row);
        g.add(f, col * 2 + 1, row);
    }

    private static Label label(String s) {
        Label l = new Label(s);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    // --- rows ---

    private static TableView<ExploreRow> rowsTable(ExploreModel m) {
        TableView<ExploreRow> t = new TableView<>(m.rows());
        t.setId("explore-table");
        t.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        t.setPlaceholder(new Label("No rows match the filter."));
        t.getColumns().add(Cells.mask("masked_ip", 150, r -> CsvExport.masked(r.login().maskedIp()), r -> true));
        t.getColumns().add(Cells.mask("masked_device_id", 150, r -> CsvExport.masked(r.login().maskedDeviceId()),
                r -> true));
        t.getColumns().add(Cells.text("user_id", 120, r -> r.login().userId()));
        t.getColumns().add(Cells.text("device", 62, r -> r.login().deviceType()));
        t.getColumns().add(Cells.text("locale", 52, r -> r.login().locale()));
        t.getColumns().add(Cells.text("app_version", 85, r -> r.login().appVersion()));
        t.getColumns().add(Cells.text("create_date", 90, r -> r.login().createDate() == null ? null
                : r.login().createDate().toString()));
        t.getColumns().forEach(c -> c.setSortable(false)); // the server sorts; a page is not the whole order
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        t.setMinHeight(60);
        t.setTooltip(Cells.tip("Ctrl+C copies the selected rows (masked values only)"));
        t.setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                copy(ExploreModel.copyText(new ArrayList<>(t.getSelectionModel().getSelectedItems())));
                e.consume();
            }
        });
        return t;
    }

    private static Node rowsPane(ExploreModel m, Shortcuts keys, TableView<ExploreRow> table,
                                 TableView<MaskSummary> userMasks) {
        Button first = keys.button("First", "explore-first", "Alt+Home", "The first page", m::firstPage);
        Button prev = keys.button("◀ Previous", "explore-previous", "Alt+Left", "The page before this one",
                m::previousPage);
        prev.disableProperty().bind(m.hasPreviousProperty().not());
        Button next = keys.button("Next ▶", "explore-next", "Alt+Right", "The page after this one", m::nextPage);
        next.disableProperty().bind(m.hasNextProperty().not());
        Label page = new Label();
        page.setId("explore-page-info");
        page.textProperty().bind(m.pageInfoProperty());
        page.getStyleClass().add(Styles.TEXT_MUTED);
        Button ip = keys.button("Follow masked ip", "explore-follow-ip", "Alt+I", "Every row with the selected row's "
                + "masked ip, its distinct user ids, first and last date", () -> selected(table, r ->
                m.follow(MaskColumn.MASKED_IP, r.login().maskedIp())));
        Button device = keys.button("Follow masked device id", "explore-follow-device", "Alt+D", "Every row with the "
                + "selected row's masked device id, its distinct user ids, first and last date", () -> selected(table,
                r -> m.follow(MaskColumn.MASKED_DEVICE_ID, r.login().maskedDeviceId())));
        Button user = keys.button("Masks of user id", "explore-follow-user", "Alt+U", "Every row of the selected row's "
                + "user id, and every mask it used (with how many user ids share each)", () -> selected(table,
                r -> m.followUser(r.login().userId())));
        for (Button b : List.of(ip, device, user)) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        }
        Button followMask = keys.button("Follow this mask", "explore-follow-user-mask", "Alt+M", "Follow the mask "
                + "selected in the list of the user's masks", () -> {
                    MaskSummary s = userMasks.getSelectionModel().getSelectedItem();
                    if (s != null) {
                        m.follow(s.column(), s.mask());
                    }
                });
        followMask.disableProperty().bind(userMasks.getSelectionModel().selectedItemProperty().isNull());
        userMasks.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                followMask.fire();
            }
        });
        HBox paging = new HBox(8, first, prev, next, page);
        paging.setAlignment(Pos.CENTER_LEFT);
        FlowPane pager = new FlowPane(8, 6, paging, new Label("   "), ip, device, user);
        pager.setAlignment(Pos.CENTER_LEFT);
        VBox masks = new VBox(6, bold("Masks of the followed user id"), userMasks, followMask);
        VBox.setVgrow(userMasks, Priority.ALWAYS);
        SplitPane split = new SplitPane(table, masks);
        split.setDividerPositions(0.72);
        split.setMinHeight(60);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox box = new VBox(8, split, pager);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private static void selected(TableView<ExploreRow> t, java.util.function.Consumer<ExploreRow> action) {
        ExploreRow r = t.getSelectionModel().getSelectedItem();
        if (r != null) {
            action.accept(r);
        }
    }

    // --- shared ---

    private static Node sharedPane(ExploreModel m, Shortcuts keys, TableView<MaskSummary> devices,
                                   TableView<MaskSummary> ips) {
        Label info = new Label();
        info.setId("shared-info");
        info.textProperty().bind(m.sharedInfoProperty());
        info.setWrapText(true);
        info.getStyleClass().add(Styles.TEXT_MUTED);
        Button refresh = keys.button("Refresh", "shared-refresh", "Alt+S", "Read the device ids and ips used by two "
                + "or more user ids, most users first", m::refreshShared);
        Button regroup = keys.button("Regroup", "shared-regroup", "Alt+G", "Group every mask of user_logins again "
                + "(a scan of the table: seconds at millions of rows). Small tables are grouped whenever they change.",
                m::regroup);
        Button follow = keys.button("Follow selected", "shared-follow", "Alt+O", "Every row of the device id (or ip) "
                + "selected in either list", () -> {
                    MaskSummary s = devices.getSelectionModel().getSelectedItem();
                    if (s == null) {
                        s = ips.getSelectionModel().getSelectedItem();
                    }
                    if (s != null) {
                        m.follow(s.column(), s.mask());
                    }
                });
        for (TableView<MaskSummary> t : List.of(devices, ips)) {
            TableView<MaskSummary> other = t == devices ? ips : devices;
            t.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
                if (b != null) {
                    other.getSelectionModel().clearSelection();
                }
            });
            t.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2) {
                    follow.fire();
                }
            });
        }
        HBox buttons = new HBox(8, refresh, regroup, follow);
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, info, spacer(), buttons);
        bar.setAlignment(Pos.CENTER_LEFT);
        info.setMinWidth(0);
        VBox left = new VBox(6, bold("Masked device ids used by two or more user ids"), devices);
        VBox right = new VBox(6, bold("Masked ips used by two or more user ids"), ips);
        VBox.setVgrow(devices, Priority.ALWAYS);
        VBox.setVgrow(ips, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, right);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox box = new VBox(8, bar, split);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private static TableView<MaskSummary> summaries(String id, javafx.collections.ObservableList<MaskSummary> items,
                                                    String empty, boolean withColumn) {
        TableView<MaskSummary> t = new TableView<>(items);
        t.setId(id);
        t.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        t.setPlaceholder(new Label(empty));
        t.getColumns().add(Cells.mask("mask", 170, s -> CsvExport.masked(s.mask()), s -> s.users() > 1));
        if (withColumn) {
            t.getColumns().add(Cells.text("column", 60, s -> s.column() == MaskColumn.MASKED_IP ? "ip" : "device"));
        }
        t.getColumns().add(Cells.text("user ids", 60, s -> Long.toString(s.users())));
        t.getColumns().add(Cells.text("rows", 55, s -> Long.toString(s.rows())));
        t.getColumns().add(Cells.text("first", 85, s -> s.first() == null ? "" : s.first().toString()));
        t.getColumns().add(Cells.text("last", 85, s -> s.last() == null ? "" : s.last().toString()));
        t.getColumns().forEach(c -> c.setSortable(false));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        t.setMinHeight(60);
        t.setTooltip(Cells.tip("Ctrl+C copies the selected masks; double-click follows one"));
        t.setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                copy(ExploreModel.copyMasks(new ArrayList<>(t.getSelectionModel().getSelectedItems())));
                e.consume();
            }
        });
        return t;
    }

    // --- charts ---

    /** The height below which a chart's plot area is too small to read at the default zoom. */
    private static final double CHART_MIN_HEIGHT = 230;

    private static Node chartsPane(ExploreModel m, Shortcuts keys) {
        StackedBarChart<String, Number> perDay = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
        perDay.setId("chart-per-day");
        perDay.setTitle("Logins per day, by device type");
        perDay.setAnimated(false);
        perDay.setCategoryGap(1);
        perDay.setMinHeight(CHART_MIN_HEIGHT);
        perDay.setPrefHeight(CHART_MIN_HEIGHT);
        BarChart<String, Number> locale = bars("chart-locale", "Rows by locale (top " + ExploreModel.TOP_N + ")");
        BarChart<String, Number> version = bars("chart-app-version", "Rows by app version (top " + ExploreModel.TOP_N
                + ")");
        BarChart<String, Number> users = bars("chart-users-per-device", "Shared device ids by number of user ids");
        Map<ChartKind, XYChart<String, Number>> all = new LinkedHashMap<>();
        all.put(ChartKind.PER_DAY_BY_DEVICE, perDay);
        all.put(ChartKind.BY_LOCALE, locale);
        all.put(ChartKind.BY_APP_VERSION, version);
        all.put(ChartKind.USERS_PER_DEVICE, users);
        Label note = new Label();
        note.getStyleClass().add(Styles.TEXT_MUTED);
        all.forEach((kind, chart) -> m.chartProperty(kind).addListener((o, a, s) -> {
            fill(chart, s, kind != ChartKind.PER_DAY_BY_DEVICE);
            if (kind == ChartKind.PER_DAY_BY_DEVICE) {
                note.setText(s.sampled() ? "Counts estimated from a block sample of the table (the filter matches "
                        + "many rows)." : "Exact counts of the rows the filter matches.");
            }
        }));
        Button refresh = keys.button("Refresh charts", "charts-refresh", "Alt+H", "Compute the charts again for the "
                + "current filter (they follow every filter you apply)", m::refreshCharts);
        HBox bar = new HBox(8, note, spacer(), refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        GridPane grid = new GridPane();
        grid.add(perDay, 0, 0);
        grid.add(users, 1, 0);
        grid.add(locale, 0, 1);
        grid.add(version, 1, 1);
        javafx.scene.layout.ColumnConstraints wide = new javafx.scene.layout.ColumnConstraints();
        wide.setPercentWidth(60);
        javafx.scene.layout.ColumnConstraints narrow = new javafx.scene.layout.ColumnConstraints();
        narrow.setPercentWidth(40);
        grid.getColumnConstraints().setAll(wide, narrow);
        for (int i = 0; i < 2; i++) {
            javafx.scene.layout.RowConstraints half = new javafx.scene.layout.RowConstraints();
            half.setPercentHeight(50);
            grid.getRowConstraints().add(half);
        }
        for (Node n : List.of(perDay, locale, version, users)) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
        }
        // a chart squeezed below its readable height says nothing: scroll instead
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setId("explore-charts-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox box = new VBox(6, bar, scroll);
        box.setId("explore-charts");
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private static BarChart<String, Number> bars(String id, String title) {
        BarChart<String, Number> c = new BarChart<>(new CategoryAxis(), new NumberAxis());
        c.setId(id);
        c.setTitle(title);
        c.setAnimated(false);
        c.setLegendVisible(false);
        c.setMinHeight(CHART_MIN_HEIGHT);
        c.setPrefHeight(CHART_MIN_HEIGHT);
        return c;
    }

    private static void fill(XYChart<String, Number> chart, ChartSeries s, boolean single) {
        Map<String, XYChart.Series<String, Number>> series = new LinkedHashMap<>();
        for (ChartSeries.Point p : s.points()) {
            String name = single ? "rows" : p.series();
            series.computeIfAbsent(name, n -> {
                XYChart.Series<String, Number> x = new XYChart.Series<>();
                x.setName(n);
                return x;
            }).getData().add(new XYChart.Data<>(p.category(), p.count()));
        }
        chart.getData().setAll(new ArrayList<>(series.values()));
        if (chart.getXAxis() instanceof CategoryAxis) {
            List<String> categories = s.points().stream().map(ChartSeries.Point::category).distinct()
                    .collect(java.util.stream.Collectors.toList());
            CategoryAxis x = (CategoryAxis) chart.getXAxis();
            x.setTickLabelsVisible(categories.size() <= 14);
            x.setLabel(categories.size() > 14 ? categories.get(0) + " … " + categories.get(categories.size() - 1) : null);
        }
    }

    // --- export ---

    private static Node exportBar(ExploreModel m, Shortcuts keys) {
        TextField path = new TextField();
        path.setId("explore-export-path");
        path.textProperty().bindBidirectional(m.exportPathProperty());
        path.setPrefColumnCount(32);
        path.setTooltip(Cells.tip("The CSV file to write (masked values only, RFC 4180, header row)"));
        Button rows = keys.button("Export rows", "explore-export-rows", "Ctrl+Shift+E", "Write every row of the "
                + "applied filter (not just this page) to the CSV file", m::exportRows);
        Button shared = keys.button("Export shared devices", "explore-export-shared", "Ctrl+Shift+D", "Write every "
                + "masked device id used by two or more user ids to the CSV file", m::exportSharedDevices);
        rows.disableProperty().bind(m.exportingProperty());
        shared.disableProperty().bind(m.exportingProperty());
        Button cancel = keys.button("Cancel", "explore-export-cancel", "Alt+Q", "Stop the export; no file is left "
                + "behind", m::cancelExport);
        cancel.disableProperty().bind(m.exportingProperty().not());
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(18, 18);
        spin.visibleProperty().bind(m.exportingProperty());
        spin.managedProperty().bind(spin.visibleProperty());
        Label done = new Label();
        done.setId("explore-export-status");
        done.textProperty().bind(javafx.beans.binding.Bindings.when(m.exportingProperty())
                .then(m.exportedProperty().asString("%,d rows written…")).otherwise(m.exportStatusProperty()));
        done.getStyleClass().add(Styles.TEXT_MUTED);
        FlowPane bar = new FlowPane(8, 6, label("CSV file"), path, rows, shared, cancel, spin, done);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    // --- small parts ---

    private static Tab tab(String name, String id, Node content) {
        Tab t = new Tab(name, content);
        t.setId(id);
        t.setClosable(false);
        return t;
    }

    private static Label bold(String s) {
        Label l = new Label(s);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        return l;
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    private static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }
}
