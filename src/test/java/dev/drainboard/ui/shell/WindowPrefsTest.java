package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WindowPrefsTest {
    private final Preferences node = Preferences.userRoot().node("drainboard-test-" + System.nanoTime());

    @AfterEach
    void removeTheNode() throws BackingStoreException {
        node.removeNode();
    }

    @Test
    void thePresentationZoomIsRememberedWithTheWindow() {
        assertThat(new WindowPrefs(node).zoom()).isEqualTo(100);

        new WindowPrefs(node).rememberZoom(150);

        assertThat(new WindowPrefs(node).zoom()).isEqualTo(150);
    }
}
