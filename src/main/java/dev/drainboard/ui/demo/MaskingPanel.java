package dev.drainboard.ui.demo;

import atlantafx.base.theme.Styles;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.ui.common.Cells;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * "What masking did" for the row selected in the preview: what was hidden (the shape of the raw ip
 * and device id, never a value), then per field masked / kept / dropped and what is stored. Its
 * text comes only from {@link MaskingReport}.
 */
public final class MaskingPanel {
    private MaskingPanel() {
    }

    /** {@code content} with the panel on its right, shown while {@code shown} is true. */
    public static HBox beside(Node content, ObservableValue<MaskedLogin> selected, ObservableValue<Boolean> shown) {
        VBox panel = build(selected);
        panel.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> Boolean.TRUE.equals(shown.getValue()), shown));
        panel.managedProperty().bind(panel.visibleProperty());
        HBox.setHgrow(content, Priority.ALWAYS);
        HBox.setMargin(panel, new Insets(12, 12, 12, 0));
        HBox box = new HBox(content, panel);
        return box;
    }

    public static VBox build(ObservableValue<MaskedLogin> selected) {
        Label title = new Label("What masking did");
        title.getStyleClass().add(Styles.TITLE_4);
        Label which = new Label();
        which.setId("masking-message");
        which.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Label hidden = new Label();
        hidden.setId("masking-hidden");
        hidden.getStyleClass().add("masking-hidden");
        hidden.setWrapText(true);
        GridPane fields = new GridPane();
        fields.setId("masking-fields");
        fields.setHgap(8);
        fields.setVgap(5);
        Label hint = new Label("Select a row in the preview to see what masking did to it.");
        hint.setId("masking-hint");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        Label note = new Label("Raw values never leave the masker: only their shape is shown.");
        note.setWrapText(true);
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        VBox panel = new VBox(8, title, which, hint, hidden, fields, note);
        panel.setId("masking-panel");
        panel.getStyleClass().add("masking-panel");
        panel.setPrefWidth(330);
        panel.setMinWidth(280);
        panel.setMaxWidth(380);
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
        hidden.setVisible(!none);
        hidden.setManaged(!none);
        if (none) {
            which.setText("");
            hidden.setText("");
            return;
        }
        MaskingReport r = MaskingReport.of(row);
        which.setText("message " + r.messageId());
        hidden.setText(r.hidden());
        int i = 0;
        for (MaskingReport.Line l : r.lines()) {
            Label field = new Label(l.field());
            field.getStyleClass().add(Styles.TEXT_BOLD);
            Label badge = new Label(l.treatment().word());
            badge.getStyleClass().addAll("treatment", l.treatment().name().toLowerCase(java.util.Locale.ROOT));
            Label stored = new Label(l.stored());
            stored.setId("masking-" + l.field());
            stored.getStyleClass().add("masking-stored");
            stored.setTooltip(Cells.tip(tipOf(l)));
            fields.addRow(i++, field, badge, stored);
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
