package dev.drainboard.ui.queue;

import atlantafx.base.theme.Styles;
import dev.drainboard.ui.common.Cells;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The live queue panel: depth of both queues, a depth chart, and the PostgreSQL counts. */
public final class QueueView {
    private QueueView() {
    }

    public static VBox build(QueueModel q) {
        Label title = new Label("Queue, live");
        title.getStyleClass().add(Styles.TITLE_4);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        ColumnConstraints first = new ColumnConstraints();
        first.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().add(first);
        String[] heads = {"available", "in flight", "delayed"};
        for (int c = 0; c < 3; c++) {
            Label head = muted(heads[c]);
            // the numbers and their heads keep their width; a long queue name is cut short instead
            head.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(head, c + 1, 0);
            grid.add(number(q.queue(c), "queue-" + c), c + 1, 1);
            grid.add(number(q.deadLetter(c), "dlq-" + c), c + 1, 2);
        }
        Label queueName = new Label();
        queueName.setId("queue-label");
        queueName.textProperty().bind(q.queueLabelProperty());
        queueName.setMinWidth(0);
        grid.add(queueName, 0, 1);
        Label dlq = new Label();
        dlq.setId("dlq-label");
        dlq.textProperty().bind(q.deadLetterLabelProperty());
        dlq.setMinWidth(0);
        javafx.scene.control.Tooltip tip = Cells.tip("");
        tip.textProperty().bind(Bindings.concat(q.deadLetterLabelProperty(), ". Rejected messages keep their raw body here, never in PostgreSQL. "
                + "Replay one from the Rejections tab. ", q.deadLetterHintProperty()));
        dlq.setTooltip(tip);
        grid.add(dlq, 0, 2);

        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        x.setLowerBound(0);
        x.setUpperBound(60);
        x.setTickUnit(10);
        x.setLabel("seconds since start");
        x.setAnimated(false);
        NumberAxis y = new NumberAxis();
        y.setAnimated(false);
        y.setMinorTickVisible(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("depth-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setPrefHeight(190);
        chart.setMinHeight(150);
        chart.setLegendVisible(true);
        XYChart.Series<Number, Number> available = new XYChart.Series<>();
        available.setName("available");
        XYChart.Series<Number, Number> inFlight = new XYChart.Series<>();
        inFlight.setName("in flight");
        chart.getData().add(available);
        chart.getData().add(inFlight);
        q.history().addListener((ListChangeListener<QueueModel.DepthPoint>) c -> {
            available.getData().clear();
            inFlight.getData().clear();
            for (QueueModel.DepthPoint p : q.history()) {
                available.getData().add(new XYChart.Data<>(p.second(), p.available()));
                inFlight.getData().add(new XYChart.Data<>(p.second(), p.inFlight()));
            }
            if (!q.history().isEmpty()) {
                long from = q.history().get(0).second();
                long last = q.history().get(q.history().size() - 1).second();
                long span = Math.max(60, last - from);
                long tick = span <= 60 ? 10 : span <= 180 ? 30 : 60;
                x.setLowerBound(from);
                x.setUpperBound(from + (span + tick - 1) / tick * tick);
                x.setTickUnit(tick);
            }
        });

        Label pgTitle = new Label("PostgreSQL");
        pgTitle.getStyleClass().add(Styles.TITLE_4);
        GridPane pg = new GridPane();
        pg.setHgap(12);
        pg.setVgap(6);
        pg.getColumnConstraints().add(first);
        pg.add(new Label("Rows in user_logins"), 0, 0);
        pg.add(number(q.rowsProperty(), "rows-count"), 1, 0);
        pg.add(new Label("Rejections"), 0, 1);
        pg.add(number(q.rejectionsProperty(), "rejections-count"), 1, 1);

        VBox box = new VBox(10, title, grid, chart, pgTitle, pg);
        box.setPadding(new Insets(14));
        return box;
    }

    private static Label muted(String s) {
        Label l = new Label(s);
        l.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        GridPane.setHalignment(l, HPos.RIGHT);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label number(javafx.beans.value.ObservableStringValue v, String id) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(v);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        l.styleProperty().bind(javafx.beans.binding.Bindings.when(
                javafx.beans.binding.Bindings.equal(QueueModel.UNREACHABLE, v))
                .then("-fx-text-fill: -color-danger-fg; -fx-font-weight: normal;").otherwise("-fx-font-size: 1.15em;"));
        GridPane.setHalignment(l, HPos.RIGHT);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
