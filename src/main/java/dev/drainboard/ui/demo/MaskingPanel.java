package dev.drainboard.ui.demo;

import atlantafx.base.theme.Styles;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.ui.common.Cells;
import javafx.beans.value.ObservableValue;
import atlantafx.base.controls.Spacer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * "What masking did" for the row selected in the preview, as a band under it: what was hidden (the
 * shape of the raw ip and device id, never a value), then per field masked / kept / dropped and
 * what is stored, in the table's column order. Its text comes only from {@link MaskingReport}.
 */
public final class MaskingPanel {
    private MaskingPanel() {
    }

    /** {@code content} with the panel under it, shown while {@code shown} is true. */
    public static VBox under(Node content, ObservableValue<MaskedLogin> selected, ObservableValue<Boolean> shown) {
        VBox panel = build(selected);
        panel.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> Boolean.TRUE.equals(shown.getValue()), shown));
        panel.managedProperty().bind(panel.visibleProperty());
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox.setMargin(panel, new Insets(0, 12, 12, 12));
        return new VBox(content, panel);
    }

    public static VBox build(ObservableValue<MaskedLogin> selected) {
        Label title = new Label("What masking did");
        title.getStyleClass().add(Styles.TITLE_4);
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label which = new Label();
        which.setId("masking-message");
        which.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Label hidden = new Label();
        hidden.setId("masking-hidden");
        hidden.getStyleClass().add("masking-hidden");
        hidden.setMinWidth(Region.USE_PREF_SIZE);
        Label hint = new Label("Select a row in the preview to see what masking did to it. "
                + "Raw values never leave the masker: only their shape is shown.");
        hint.setId("masking-hint");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        HBox head = new HBox(14, title, which, new Spacer(), hidden);
        head.setAlignment(Pos.BASELINE_LEFT);
        GridPane fields = new GridPane();
        fields.setId("masking-fields");
        fields.setHgap(22);
        fields.setVgap(3);

        VBox panel = new VBox(6, head, hint, fields);
        panel.setId("masking-panel");
        panel.getStyleClass().add("masking-panel");
        panel.getStylesheets().add(MaskingPanel.class.getResource("demo.css").toExternalForm());
        Runnable show = () -> fill(selected.getValue(), which, hint, hidden, fields);
        selected.addListener((o, a, b) -> show.run());
        show.run();
        return panel;
    }

    private static void fill(MaskedLogin row, Label which, Label hint, Label hidden, GridPane fields) {
        fields.getChildren().clear();
        boolean none = row == null;
        hint.setVisible(none);
        hint.setManaged(none);
        fields.setVisible(!none);
        fields.setManaged(!none);
        if (none) {
            which.setText("");
            hidden.setText("");
            return;
        }
        MaskingReport r = MaskingReport.of(row);
        which.setText("message " + r.messageId());
        hidden.setText(r.hidden());
        int column = 0;
        for (MaskingReport.Line l : r.lines()) {
            Label field = new Label(l.field());
            field.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.TEXT_SMALL);
            field.setMinWidth(Region.USE_PREF_SIZE);
            Label badge = new Label(l.treatment().word());
            badge.getStyleClass().addAll("treatment", l.treatment().name().toLowerCase(java.util.Locale.ROOT));
            badge.setMinWidth(Region.USE_PREF_SIZE);
            Label stored = new Label(l.stored());
            stored.setId("masking-" + l.field());
            stored.getStyleClass().add("masking-stored");
            stored.setMaxWidth(190);
            stored.setTooltip(Cells.tip(tipOf(l)));
            HBox name = new HBox(6, field, badge);
            name.setAlignment(Pos.CENTER_LEFT);
            fields.addColumn(column++, name, stored);
        }
    }

    private static String tipOf(MaskingReport.Line l) {
        switch (l.treatment()) {
            case MASKED: return "Stored as a keyed mask: equal values get equal masks; the value cannot be read back "
                    + "without the key";
            case DROPPED: return "Not stored at all (the mask policy drops it)";
            default: return "Stored as received";
        }
    }
}
