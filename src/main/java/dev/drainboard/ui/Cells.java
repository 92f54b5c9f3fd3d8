package dev.drainboard.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/** Table columns and cells shared by the preview and committed views. */
final class Cells {
    private Cells() {
    }

    /** A read-only text column over a row object. */
    static <S> TableColumn<S, String> text(String title, double width, Function<S, String> value) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    /** A column of masks: a colour chip per distinct mask, the short mask, the full one on hover. */
    static <S> TableColumn<S, String> mask(String title, double width, Function<S, String> value) {
        TableColumn<S, String> c = text(title, width, value);
        c.setCellFactory(col -> new MaskCell<>());
        return c;
    }

    /** The chip colour of a mask: equal masks, equal colours. */
    static Color colourOf(String mask) {
        return Color.hsb(PreviewRow.hueOf(mask), 0.55, 0.88);
    }

    private static final class MaskCell<S> extends TableCell<S, String> {
        private final Rectangle chip = new Rectangle(12, 12);
        private final Tooltip tip = new Tooltip();

        MaskCell() {
            chip.setArcWidth(4);
            chip.setArcHeight(4);
            getStyleClass().add("mask-cell");
        }

        @Override
        protected void updateItem(String mask, boolean empty) {
            super.updateItem(mask, empty);
            if (empty || mask == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            chip.setFill(colourOf(mask));
            setGraphic(chip);
            setText(PreviewRow.shortMask(mask));
            tip.setText(mask);
            setTooltip(tip);
        }
    }
}
