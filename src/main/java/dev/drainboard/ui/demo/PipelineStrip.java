package dev.drainboard.ui.demo;

import atlantafx.base.controls.Spacer;
import dev.drainboard.ui.common.Cells;
import dev.drainboard.ui.demo.PipelineModel.Stage;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The demo strip across the top of the console: one card per stage with its count, arrows between
 * them, and the dead-letter branch under Parse. A card lights up for a moment whenever its count
 * rises (an animation, not a poll); while a drain runs the whole flow is marked live.
 */
public final class PipelineStrip {
    private static final Duration GLOW = Duration.millis(900);

    private PipelineStrip() {
    }

    public static VBox build(PipelineModel m) {
        GridPane flow = new GridPane();
        flow.setHgap(6);
        flow.setVgap(4);
        Stage[] main = {Stage.QUEUE, Stage.PARSE, Stage.MASK, Stage.POSTGRES, Stage.DELETED};
        for (int i = 0; i < main.length; i++) {
            Region card = card(m, main[i]);
            GridPane.setHgrow(card, Priority.ALWAYS);
            flow.add(card, i * 2, 0);
            if (i + 1 < main.length) {
                flow.add(arrow("→"), i * 2 + 1, 0);
            }
        }
        Label branch = arrow("↳ rejected at parse");
        branch.getStyleClass().add("branch-arrow");
        Label hint = new Label("Counts of the current drain; a stage lights up as messages pass it.");
        hint.getStyleClass().add("stage-note");
        HBox deadLetter = new HBox(10, branch, card(m, Stage.DEAD_LETTER), new Spacer(), hint);
        deadLetter.setAlignment(Pos.CENTER_LEFT);
        flow.add(deadLetter, 2, 1, 7, 1);

        VBox strip = new VBox(flow);
        strip.setId("pipeline-strip");
        strip.getStyleClass().add("pipeline-strip");
        strip.setPadding(new Insets(8, 16, 10, 16));
        strip.getStylesheets().add(PipelineStrip.class.getResource("demo.css").toExternalForm());
        m.running().addListener((o, a, b) -> live(strip, b));
        live(strip, m.running().get());
        return strip;
    }

    private static void live(VBox strip, boolean on) {
        strip.getStyleClass().remove("live");
        if (on) {
            strip.getStyleClass().add("live");
        }
    }

    private static Region card(PipelineModel m, Stage s) {
        Label name = new Label(s.title());
        name.getStyleClass().add("stage-title");
        Label number = new Label();
        number.setId("stage-" + s.id());
        number.textProperty().bind(m.text(s));
        number.getStyleClass().add("stage-number");
        Label note = new Label();
        note.textProperty().bind(m.note(s));
        note.getStyleClass().add("stage-note");
        Region card;
        if (s == Stage.DEAD_LETTER) {
            // one line, so the branch costs the strip little height
            HBox line = new HBox(12, name, number, note);
            line.setAlignment(Pos.BASELINE_LEFT);
            line.getStyleClass().add("dead-letter");
            card = line;
        } else {
            card = new VBox(0, name, number, note);
        }
        card.setId("stage-card-" + s.id());
        card.getStyleClass().add("stage-card");
        card.setMaxWidth(Double.MAX_VALUE);
        Label hover = new Label();
        hover.setTooltip(Cells.tip(help(s)));
        name.setTooltip(hover.getTooltip());
        number.setTooltip(hover.getTooltip());
        PauseTransition fade = new PauseTransition(GLOW);
        fade.setOnFinished(e -> card.getStyleClass().remove("lit"));
        m.pulse(s).addListener((o, a, b) -> {
            if (!card.getStyleClass().contains("lit")) {
                card.getStyleClass().add("lit");
            }
            fade.playFromStart();
        });
        return card;
    }

    private static Label arrow(String text) {
        Label a = new Label(text);
        a.getStyleClass().add("stage-arrow");
        return a;
    }

    private static String help(Stage s) {
        switch (s) {
            case QUEUE: return "Messages waiting in the SQS queue (polled every second by the queue panel)";
            case PARSE: return "Messages received and parsed in this drain";
            case MASK: return "Parsed logins whose ip and device id were replaced by keyed masks";
            case POSTGRES: return "Rows written to user_logins, in the same transaction as the ledger";
            case DELETED: return "Messages deleted from the queue, only after their transaction committed";
            default: return "Messages that could not be parsed: their reason is stored, their body moved to the "
                    + "dead-letter queue";
        }
    }
}
