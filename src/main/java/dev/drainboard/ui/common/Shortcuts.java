package dev.drainboard.ui.common;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCombination;

/** Buttons with a keyboard shortcut, named in their tooltip; installed on the scene once built. */
public final class Shortcuts {
    private final Map<KeyCombination, ButtonBase> keys = new LinkedHashMap<>();

    public Button button(String text, String id, String shortcut, String help, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.setTooltip(Cells.tip(help + keyText(shortcut, b)));
        return b;
    }

    /** A toggle button bound both ways to {@code state}; its shortcut flips it. */
    public ToggleButton toggle(String text, String id, String shortcut, String help, BooleanProperty state) {
        ToggleButton t = new ToggleButton(text);
        t.setId(id);
        t.selectedProperty().bindBidirectional(state);
        t.setTooltip(Cells.tip(help + keyText(shortcut, t)));
        return t;
    }

    /** Another key that presses {@code b} (a keypad key, a second keyboard layout's spelling). */
    public void alsoOn(String shortcut, ButtonBase b) {
        keys.put(KeyCombination.keyCombination(shortcut), b);
    }

    private String keyText(String shortcut, ButtonBase b) {
        if (shortcut == null) {
            return "";
        }
        KeyCombination k = KeyCombination.keyCombination(shortcut);
        keys.put(k, b);
        return " (" + k.getDisplayText() + ")";
    }

    /** Makes each shortcut press its button; a disabled button ignores it. */
    public void install(Scene scene) {
        keys.forEach((k, b) -> scene.getAccelerators().put(k, b::fire));
    }
}
