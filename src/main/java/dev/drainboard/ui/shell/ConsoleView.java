package dev.drainboard.ui.shell;

import dev.drainboard.ui.masktable.MaskTableView;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.common.Shortcuts;
import dev.drainboard.ui.connection.ConnectionModel;
import dev.drainboard.ui.demo.DemoView;
import dev.drainboard.ui.demo.MaskingPanel;
import dev.drainboard.ui.demo.PipelineStrip;
import dev.drainboard.ui.demo.PresentationControls;
import dev.drainboard.ui.drain.DrainView;
import dev.drainboard.ui.explore.ExploreView;
import dev.drainboard.ui.preview.PreviewView;
import dev.drainboard.ui.queue.QueueView;
import dev.drainboard.ui.stored.StoredView;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The whole window, built in code: header (with demo mode and zoom), the demo strip (in demo mode)
 * and error banner on top, the live queue panel and demo sender on the left, drain controls and the
 * preview / committed / rejections tabs in the middle, the activity log at the bottom. It only creates nodes and binds them to {@link ConsoleModel}.
 */
public final class ConsoleView {
    private final Parent root;
    private final Shortcuts keys = new Shortcuts();

    /** With the "Connection…" button in the header when {@code connection} is not null. */
    public ConsoleView(ConsoleModel m, ConnectionModel connection) {
        VBox left = new VBox(QueueView.build(m.queue()), new Separator(), DemoView.build(m.demo(), keys));
        left.setPrefWidth(350);
        left.setMinWidth(300);
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.getStyleClass().add("side-panel");

        TabPane tabs = new TabPane(tab("Preview", "preview-tab", MaskingPanel.under(PreviewView.build(m.preview(), keys),
                        m.preview().selectedProperty(), m.presentation().demoModeProperty())),
                tab("Committed", "committed-tab", MaskTableView.withAction(StoredView.committed(m.stored(), m.reveal()),
                        m.maskTable())),
                tab("Rejections", "rejections-tab", StoredView.rejections(m.stored())),
                tab("Explore", "explore-tab", ExploreView.build(m.explore(), keys)));
        tabs.setId("tabs");
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && "explore-tab".equals(b.getId()) && m.explore().appliedProperty().get().isEmpty()
                    && m.explore().rows().isEmpty()) {
                m.explore().apply();
            }
        });
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() > 0) {
                m.stored().refresh();
            }
        });
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox center = new VBox(DrainView.build(m.drain(), keys), new Separator(), tabs);

        ListView<String> log = new ListView<>(m.log().entries());
        log.setId("activity-log");
        log.setPrefHeight(110);
        log.setMinHeight(50);
        log.getStyleClass().add(Styles.DENSE);
        m.log().entries().addListener((ListChangeListener<String>) c ->
                Platform.runLater(() -> log.scrollTo(log.getItems().size() - 1)));
        Label logTitle = new Label("Activity");
        logTitle.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox bottom = new VBox(4, logTitle, log);
        bottom.setPadding(new Insets(6, 12, 10, 12));

        SplitPane centerAndLog = new SplitPane(center, bottom);
        centerAndLog.setOrientation(Orientation.VERTICAL);
        centerAndLog.setDividerPositions(0.84);
        SplitPane.setResizableWithParent(bottom, false);
        BorderPane main = new BorderPane(centerAndLog);
        main.setLeft(leftScroll);
        main.disableProperty().bind(m.stateProperty().isEqualTo(ConsoleState.STARTING)
                .or(m.stateProperty().isEqualTo(ConsoleState.START_FAILED)));

        BorderPane frame = new BorderPane(new StackPane(main, startingOverlay(m)));
        frame.setTop(new VBox(header(m, connection), strip(m), new Separator(), banner(m), migrateOffer(m)));
        frame.getStylesheets().add(ConsoleView.class.getResource("console.css").toExternalForm());
        frame.styleProperty().bind(m.presentation().rootStyle());
        this.root = frame;
    }

    /** The header bar with the demo mode and zoom controls at its right end. */
    private HBox header(ConsoleModel m, ConnectionModel connection) {
        javafx.scene.layout.Region bar = HeaderView.build(m, connection);
        HBox controls = PresentationControls.build(m.presentation(), keys);
        controls.setPadding(new Insets(0, 16, 0, 0));
        HBox.setHgrow(bar, Priority.ALWAYS);
        HBox top = new HBox(bar, controls);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("header-bar");
        return top;
    }

    private static javafx.scene.Node strip(ConsoleModel m) {
        VBox strip = PipelineStrip.build(m.pipeline());
        strip.visibleProperty().bind(m.presentation().demoModeProperty());
        strip.managedProperty().bind(strip.visibleProperty());
        return strip;
    }

    private static Tab tab(String name, String id, javafx.scene.Node content) {
        Tab t = new Tab(name, content);
        t.setId(id);
        t.setClosable(false);
        return t;
    }

    private static Message banner(ConsoleModel m) {
        Message msg = new Message("Something needs your attention", "");
        msg.setId("banner");
        msg.getStyleClass().add(Styles.DANGER);
        msg.descriptionProperty().bind(m.bannerProperty());
        msg.visibleProperty().bind(m.bannerProperty().isNotEmpty());
        msg.managedProperty().bind(msg.visibleProperty());
        msg.setOnClose(e -> m.dismissBanner());
        VBox.setMargin(msg, new Insets(8, 16, 8, 16));
        return msg;
    }

    private static HBox migrateOffer(ConsoleModel m) {
        Button migrate = new Button("Migrate app_version…");
        migrate.setId("migrate-app-version");
        migrate.getStyleClass().add(Styles.ACCENT);
        migrate.setOnAction(e -> {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.OK, ButtonType.CANCEL);
            confirm.initOwner(migrate.getScene().getWindow());
            confirm.setTitle("Migrate app_version");
            confirm.setHeaderText("Run this one statement on the database? Stored values are kept.");
            TextArea sql = new TextArea(m.migrationSql());
            sql.setId("migration-sql");
            sql.setEditable(false);
            sql.setWrapText(true);
            sql.setPrefRowCount(3);
            confirm.getDialogPane().setContent(sql);
            confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> m.migrateAppVersion());
        });
        Label why = new Label("The table's app_version column is an integer; the migration changes it to varchar(32).");
        why.getStyleClass().add(Styles.TEXT_MUTED);
        HBox box = new HBox(12, migrate, why);
        box.setId("migrate-offer");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(0, 16, 8, 16));
        box.visibleProperty().bind(m.migrationOfferedProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static VBox startingOverlay(ConsoleModel m) {
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(48, 48);
        Label what = new Label();
        what.setId("startup");
        what.textProperty().bind(m.startupProperty());
        what.getStyleClass().add(Styles.TITLE_4);
        Label hint = new Label("The first start of the embedded demo takes a few seconds.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(12, spin, what, hint);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("starting-overlay");
        box.visibleProperty().bind(m.stateProperty().isEqualTo(ConsoleState.STARTING));
        box.setMouseTransparent(false);
        return box;
    }

    public Parent root() {
        return root;
    }

    /** Installs the keyboard shortcuts on the scene that shows this view. */
    public void installShortcuts(Scene scene) {
        keys.install(scene);
    }
}
