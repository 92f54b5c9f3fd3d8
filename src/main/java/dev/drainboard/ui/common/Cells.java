package dev.drainboard.ui.common;

import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/** Table columns and cells shared by the preview and committed views. */
public final class Cells {
    private Cells() {
    }

    /** A read-only text column over a row object. */
    public static <S> TableColumn<S, String> text(String title, double width, Function<S, String> value) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /**
     * A column of masks: a colour chip per distinct mask, the short mask, the full one on hover.
     * The chip is filled when {@code repeated} says the mask occurs more than once, hollow otherwise,
     * so groups stand out at a glance.
     */
    public static <S> TableColumn<S, String> mask(String title, double width, Function<S, String> value,
                                           Predicate<S> repeated) {
        TableColumn<S, String> c = text(title, width, value);
        c.setCellFactory(col -> new MaskCell<>(repeated));
        return c;
    }

    /** The chip colour of a mask: equal masks, equal colours. */
    public static Color colourOf(String mask) {
        double shade = MaskChips.shadeOf(mask);
        return Color.hsb(MaskChips.hueOf(mask), 0.5 + 0.4 * shade, 0.95 - 0.3 * shade);
    }

    private static final class MaskCell<S> extends TableCell<S, String> {
        private final Rectangle chip = new Rectangle(11, 11);
        private final Tooltip tip = new Tooltip();
        private final Predicate<S> repeated;

        MaskCell(Predicate<S> repeated) {
            this.repeated = repeated;
            chip.setArcWidth(4);
            chip.setArcHeight(4);
            chip.setStrokeWidth(2);
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
            Color colour = colourOf(mask);
            S row = getTableRow() == null ? null : getTableRow().getItem();
            boolean filled = row != null && repeated.test(row);
            chip.setStroke(colour);
            chip.setFill(filled ? colour : Color.TRANSPARENT);
            setGraphic(chip);
            setText(MaskChips.shortMask(mask));
            tip.setText(mask);
            setTooltip(tip);
        }
    }

    /** A tooltip that shows quickly and wraps: the console's one kind. */
    public static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(Duration.millis(300));
        t.setWrapText(true);
        t.setMaxWidth(420);
        return t;
    }
}
