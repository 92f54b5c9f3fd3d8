package dev.drainboard.ui.demo;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * Showing the console to a room: demo mode (the pipeline strip and the "what masking did" panel)
 * and a presentation zoom that scales the whole window's type in steps. UI thread only.
 */
public final class PresentationModel {
    /** The zoom steps, in percent of the theme's font size. */
    public static final List<Integer> STEPS = List.of(80, 90, 100, 110, 125, 150, 175, 200);
    /** The theme's (AtlantaFX) root font size at 100 %. */
    public static final double BASE_FONT_PX = 14;

    private final BooleanProperty demoMode = new SimpleBooleanProperty(false);
    private final IntegerProperty zoom = new SimpleIntegerProperty(100);

    public void zoomIn() {
        int z = zoom.get();
        zoom.set(STEPS.stream().filter(s -> s > z).findFirst().orElse(STEPS.get(STEPS.size() - 1)));
    }

    public void zoomOut() {
        int z = zoom.get();
        int out = STEPS.get(0);
        for (int s : STEPS) {
            if (s < z) {
                out = s;
            }
        }
        zoom.set(out);
    }

    public void resetZoom() {
        zoom.set(100);
    }

    public void toggleDemoMode() {
        demoMode.set(!demoMode.get());
    }

    /** The zoom in percent of the theme's font size (one of {@link #STEPS}). */
    public IntegerProperty zoomProperty() {
        return zoom;
    }

    /** Sets the zoom from a saved value, clamped to the steps' range. */
    public void restoreZoom(int percent) {
        zoom.set(Math.max(STEPS.get(0), Math.min(STEPS.get(STEPS.size() - 1), percent)));
    }

    public BooleanProperty demoModeProperty() {
        return demoMode;
    }

    /** The root style that scales every font of the window (AtlantaFX sizes its controls in em). */
    public StringBinding rootStyle() {
        return Bindings.createStringBinding(() -> String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;",
                BASE_FONT_PX * zoom.get() / 100.0), zoom);
    }

    public StringBinding zoomText() {
        return Bindings.createStringBinding(() -> zoom.get() + " %", zoom);
    }
}
