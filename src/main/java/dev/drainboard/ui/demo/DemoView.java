package dev.drainboard.ui.demo;

import atlantafx.base.theme.Styles;
import dev.drainboard.ui.common.Cells;
import dev.drainboard.ui.common.Shortcuts;
import dev.drainboard.ui.common.Spinners;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** "Send demo messages": the sample file, or N generated logins with a share of repeated values. */
public final class DemoView {
    private DemoView() {
    }

    public static VBox build(DemoModel d, Shortcuts keys) {
        Label title = new Label("Send demo messages");
        title.getStyleClass().add(Styles.TITLE_4);

        Button sample = keys.button("Send the 100 sample messages", "send-sample", null,
                "Send the exercise's sample file (100 logins, a few malformed) to the queue", d::sendSample);
        sample.disableProperty().bind(d.canSend().not());
        sample.setMaxWidth(Double.MAX_VALUE);

        Spinner<Integer> count = Spinners.of("demo-count", 1, 1_000_000, d.countProperty().get(), 100, 110);
        count.valueProperty().addListener((o, a, b) -> d.countProperty().set(b));
        Spinner<Integer> share = Spinners.of("demo-share", 0, 100,
                (int) Math.round(d.duplicateShareProperty().get() * 100), 5, 110);
        share.valueProperty().addListener((o, a, b) -> d.duplicateShareProperty().set(b / 100.0));
        share.setTooltip(Cells.tip("Percent of generated logins that reuse an earlier ip and device id, "
                + "so that repeated masks show up"));

        Button generated = keys.button("Send generated", "send-generated", null,
                "Send N generated logins; about 2% are malformed, to show rejections", d::sendGenerated);
        generated.disableProperty().bind(d.canSend().not());
        generated.setMaxWidth(Double.MAX_VALUE);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.addRow(0, new Label("Messages"), count);
        grid.addRow(1, new Label("Repeated %"), share);
        grid.setAlignment(Pos.CENTER_LEFT);

        VBox box = new VBox(8, title, sample, grid, generated);
        box.setPadding(new Insets(0, 14, 14, 14));
        return box;
    }
}
