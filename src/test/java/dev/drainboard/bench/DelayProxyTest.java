package dev.drainboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bench's delaying proxy in front of a real echo server: bytes arrive unchanged and in order,
 * and a round trip takes at least the configured delay. Only lower bounds are asserted: a delay
 * can be stretched by a busy machine, never shortened.
 */
class DelayProxyTest {
    private ServerSocket echo;
    private Thread echoThread;

    @BeforeEach
    void startEcho() throws Exception {
        echo = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        echoThread = new Thread(() -> {
            while (true) {
                try {
                    Socket s = echo.accept();
                    Thread t = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (Exception e) {
                            // client went away
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (Exception e) {
                    return;
                }
            }
        });
        echoThread.setDaemon(true);
        echoThread.start();
    }

    @AfterEach
    void stopEcho() throws Exception {
        echo.close();
    }

    @Test
    void forwardsEveryByteUnchangedAndInOrder() throws Exception {
        byte[] sent = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(sent);
        try (DelayProxy proxy = DelayProxy.start("127.0.0.1", echo.getLocalPort(), Duration.ofMillis(4));
             Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < sent.length; off += 5000) {
                        out.write(sent, off, Math.min(5000, sent.length - off));
                    }
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            byte[] got = new byte[sent.length];
            new DataInputStream(s.getInputStream()).readFully(got);
            writer.join();

            assertThat(got).isEqualTo(sent);
            assertThat(proxy.bytesForwarded()).isEqualTo(2L * sent.length);
            assertThat(proxy.connections()).isEqualTo(1);
        }
    }

    @Test
    void aRoundTripTakesAtLeastTheConfiguredDelay() throws Exception {
        Duration rtt = Duration.ofMillis(40);
        try (DelayProxy proxy = DelayProxy.start("127.0.0.1", echo.getLocalPort(), rtt);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                out.write(i);
                out.flush();
                assertThat(in.read()).isEqualTo(i);
                assertThat(Duration.ofNanos(System.nanoTime() - t)).isGreaterThanOrEqualTo(rtt);
            }
            assertThat(proxy.rtt()).isEqualTo(rtt);
            assertThat(proxy.minOneWayDelayMs()).isGreaterThanOrEqualTo(rtt.toMillis() / 2.0);
        }
    }

    @Test
    void chunksInFlightAreDelayedSideBySideNotOneAfterAnother() throws Exception {
        // ten writes sent at once come back after about one round trip, not ten: the proxy keeps a
        // queue per direction instead of sleeping per chunk; asserted only as "all bytes came back"
        try (DelayProxy proxy = DelayProxy.start("127.0.0.1", echo.getLocalPort(), Duration.ofMillis(20));
             Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 10; i++) {
                out.write(new byte[] {(byte) i});
                out.flush();
            }
            byte[] got = new byte[10];
            new DataInputStream(s.getInputStream()).readFully(got);
            assertThat(got).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        }
    }
}
