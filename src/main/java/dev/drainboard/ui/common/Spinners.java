package dev.drainboard.ui.common;

import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;

/** Integer spinners that take what is typed at once, not only after Enter (a JavaFX pitfall). */
public final class Spinners {
    private Spinners() {
    }

    public static Spinner<Integer> of(String id, int min, int max, int initial, int step, double width) {
        Spinner<Integer> s = new Spinner<>(min, max, initial, step);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(width);
        SpinnerValueFactory<Integer> f = s.getValueFactory();
        s.getEditor().textProperty().addListener((o, before, text) -> {
            try {
                int v = Integer.parseInt(text.trim());
                if (v >= min && v <= max) {
                    f.setValue(v);
                }
            } catch (NumberFormatException e) {
                // Half-typed; the spinner keeps its last valid value and restores it on focus loss.
            }
        });
        s.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                s.getEditor().setText(String.valueOf(f.getValue()));
            }
        });
        return s;
    }
}
