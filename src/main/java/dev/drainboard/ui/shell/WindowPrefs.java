package dev.drainboard.ui.shell;

import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Remembers the window's size, position and maximized state between runs (java.util.prefs). */
public final class WindowPrefs {
    static final double DEFAULT_WIDTH = 1400;
    static final double DEFAULT_HEIGHT = 900;

    private final Preferences prefs;

    public WindowPrefs(Preferences prefs) {
        this.prefs = prefs;
    }

    public static WindowPrefs forUser() {
        return new WindowPrefs(Preferences.userNodeForPackage(WindowPrefs.class).node("window"));
    }

    public double width() {
        return prefs.getDouble("width", DEFAULT_WIDTH);
    }

    public double height() {
        return prefs.getDouble("height", DEFAULT_HEIGHT);
    }

    /** Puts the stage where it was last time, if that place is still on a screen. */
    public void restore(Stage stage) {
        double x = prefs.getDouble("x", Double.NaN);
        double y = prefs.getDouble("y", Double.NaN);
        if (!Double.isNaN(x) && !Double.isNaN(y)
                && !Screen.getScreensForRectangle(new Rectangle2D(x, y, 100, 100)).isEmpty()) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(prefs.getBoolean("maximized", false));
    }

    /** The presentation zoom in percent (100 = the theme's size). */
    public int zoom() {
        return prefs.getInt("zoom", 100);
    }

    /** Remembers the presentation zoom; written with the next {@link #save}. */
    public void rememberZoom(int percent) {
        prefs.putInt("zoom", percent);
    }

    public void save(Stage stage) {
        prefs.putBoolean("maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            prefs.putDouble("x", stage.getX());
            prefs.putDouble("y", stage.getY());
            prefs.putDouble("width", stage.getWidth());
            prefs.putDouble("height", stage.getHeight());
        }
        try {
            prefs.flush();
        } catch (java.util.prefs.BackingStoreException e) {
            // Not remembering the window size is harmless.
        }
    }
}
