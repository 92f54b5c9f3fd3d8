package dev.drainboard.ui.common;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCombination;

/** Buttons with a keyboard shortcut, named in their tooltip; installed on the scene once built. */
public final class Shortcuts {
    private final Map<KeyCombination, Button> keys = new LinkedHashMap<>();

    public Button button(String text, String id, String shortcut, String help, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        String keyText = "";
        if (shortcut != null) {
            KeyCombination k = KeyCombination.keyCombination(shortcut);
            keys.put(k, b);
            keyText = " (" + k.getDisplayText() + ")";
        }
        b.setTooltip(Cells.tip(help + keyText));
        return b;
    }

    /** Makes each shortcut press its button; a disabled button ignores it. */
    public void install(Scene scene) {
        keys.forEach((k, b) -> scene.getAccelerators().put(k, b::fire));
    }
}
