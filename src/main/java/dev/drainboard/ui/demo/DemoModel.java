package dev.drainboard.ui.demo;

import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.common.Session;
import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;

/** Sends demo messages to the queue: the 100-message sample, or N generated logins with repeats. */
public final class DemoModel {
    private final Session session;
    private final IntegerProperty count = new SimpleIntegerProperty(500);
    private final DoubleProperty duplicateShare = new SimpleDoubleProperty(0.3);
    private long seed = System.nanoTime();

    public DemoModel(Session session) {
        this.session = session;
    }

    public void sendSample() {
        send("the 100 sample messages", DemoMessages::sample);
    }

    /** Sends {@link #countProperty()} generated logins; about 2% are malformed, to show rejections. */
    public void sendGenerated() {
        int n = Math.max(1, count.get());
        double share = Math.max(0, Math.min(1, duplicateShare.get()));
        long s = seed++;
        send(n + " generated messages (" + Math.round(share * 100) + "% repeated ips and device ids)",
                () -> DemoMessages.generate(n, share, 0.02, s));
    }

    /** Sends the given seed's generated messages: the same seed gives the same ips again. */
    public void sendGenerated(int n, double share, long fixedSeed) {
        send(n + " generated messages", () -> DemoMessages.generate(n, share, 0, fixedSeed));
    }

    private interface Bodies {
        List<String> get();
    }

    private void send(String what, Bodies bodies) {
        if (session.state() != ConsoleState.IDLE) {
            return;
        }
        session.setState(ConsoleState.BUSY);
        session.tasks().run("send demo messages", () -> {
            List<String> b = bodies.get();
            session.operations().send(b);
            return b.size();
        }, n -> {
            session.setState(ConsoleState.IDLE);
            session.log().add("Sent " + what);
        }, e -> {
            session.setState(ConsoleState.IDLE);
            session.problem("send demo messages", e);
        });
    }

    public BooleanBinding canSend() {
        return session.stateProperty().isEqualTo(ConsoleState.IDLE);
    }

    public IntegerProperty countProperty() {
        return count;
    }

    /** Share (0-1) of generated logins that reuse an earlier ip and device id. */
    public DoubleProperty duplicateShareProperty() {
        return duplicateShare;
    }
}
