package dev.drainboard.ui.demo;

import atlantafx.base.theme.Styles;
import dev.drainboard.ui.common.Shortcuts;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;

/** The header's "Demo mode" toggle and the presentation zoom (A−, 100 %, A+), each with a shortcut. */
public final class PresentationControls {
    private PresentationControls() {
    }

    public static HBox build(PresentationModel p, Shortcuts keys) {
        ToggleButton demo = keys.toggle("Demo mode", "demo-mode", "Shortcut+M",
                "Show the pipeline strip (queue → parse → mask → PostgreSQL → deleted, rejections to the "
                        + "dead-letter queue) with live counts during a drain, and what masking did to the "
                        + "selected preview row", p.demoModeProperty());
        demo.getStyleClass().add(Styles.ACCENT);

        Button out = keys.button("A−", "zoom-out", "Shortcut+Minus", "Smaller type for the whole window", p::zoomOut);
        keys.alsoOn("Shortcut+Subtract", out);
        Button reset = keys.button("", "zoom-reset", "Shortcut+0", "Type at its normal size (100 %)", p::resetZoom);
        reset.textProperty().bind(p.zoomText());
        reset.setMinWidth(64);
        keys.alsoOn("Shortcut+Numpad 0", reset);
        Button in = keys.button("A+", "zoom-in", "Shortcut+Plus",
                "Larger type for the whole window, for a projector", p::zoomIn);
        // Ctrl and the +/= key: "+" needs Shift on most layouts, so the plain key zooms in too
        keys.alsoOn("Shortcut+Equals", in);
        keys.alsoOn("Shortcut+Add", in);
        for (Button b : new Button[] {out, reset, in}) {
            b.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        }
        HBox zoom = new HBox(0, out, reset, in);
        zoom.setAlignment(Pos.CENTER);
        HBox box = new HBox(10, demo, zoom);
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }
}
