package dev.drainboard.ui.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PresentationModelTest {
    @Test
    void zoomMovesThroughTheStepsAndStopsAtTheEnds() {
        PresentationModel p = new PresentationModel();
        p.zoomIn();
        assertThat(p.zoomProperty().get()).isEqualTo(110);
        for (int i = 0; i < 10; i++) {
            p.zoomIn();
        }
        assertThat(p.zoomProperty().get()).isEqualTo(200);
        assertThat(p.rootStyle().get()).isEqualTo("-fx-font-size: 28.0px;");
        for (int i = 0; i < 10; i++) {
            p.zoomOut();
        }
        assertThat(p.zoomProperty().get()).isEqualTo(80);
        p.resetZoom();
        assertThat(p.rootStyle().get()).isEqualTo("-fx-font-size: 14.0px;");
    }

    @Test
    void aSavedZoomOutsideTheRangeIsClamped() {
        PresentationModel p = new PresentationModel();
        p.restoreZoom(900);
        assertThat(p.zoomProperty().get()).isEqualTo(200);
        p.restoreZoom(3);
        assertThat(p.zoomProperty().get()).isEqualTo(80);
    }
}
