package dev.drainboard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on 127.0.0.1 that makes a server look {@code rtt} away: every chunk of bytes is
 * forwarded half the round trip after it was read, in each direction, so a request and its answer
 * take at least {@code rtt} longer than on loopback. Bytes are forwarded unchanged and in order;
 * bandwidth is not limited (a chunk read while earlier ones wait is not held back further).
 *
 * <p>Thread per connection and direction: a reader stamps each chunk with its due time and puts it
 * on a queue, a writer waits until the chunk is due and writes it, so the delay does not serialise
 * the chunks behind each other. Meant for the benchmark, not for production traffic. Thread-safe;
 * {@link #close} stops the listener and every connection.
 */
public final class DelayProxy implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private record Chunk(byte[] bytes, int length, long readAt, long due) {
    }

    private static final Chunk EOF = new Chunk(new byte[0], -1, 0, 0);

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final long oneWayNanos;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong chunks = new AtomicLong();
    private final AtomicLong minDelayNanos = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong connections = new AtomicLong();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLong exitedCpuNanos = new AtomicLong();
    private volatile boolean closed;

    private DelayProxy(ServerSocket listener, InetSocketAddress target, Duration rtt) {
        this.listener = listener;
        this.target = target;
        this.oneWayNanos = rtt.toNanos() / 2;
        Thread t = new Thread(this::acceptLoop, "delay-proxy-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** Starts a proxy on a free port of 127.0.0.1 in front of {@code host:port}, adding {@code rtt} per round trip. */
    public static DelayProxy start(String host, int port, Duration rtt) throws IOException {
        if (rtt.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative");
        }
        ServerSocket s = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        return new DelayProxy(s, new InetSocketAddress(host, port), rtt);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The round trip this proxy adds. */
    public Duration rtt() {
        return Duration.ofNanos(oneWayNanos * 2);
    }

    /** Bytes forwarded so far, both directions. */
    public long bytesForwarded() {
        return bytes.get();
    }

    /** Connections accepted so far. */
    public long connections() {
        return connections.get();
    }

    /**
     * The shortest time any chunk spent in the proxy between being read and being written, in
     * milliseconds (-1 before the first chunk). It is at least half the round trip by construction;
     * the bench reports it so a run shows the delay was applied.
     */
    public double minOneWayDelayMs() {
        long m = minDelayNanos.get();
        return m == Long.MAX_VALUE ? -1 : m / 1e6;
    }

    /**
     * CPU time its threads have used, in ns: the proxy runs inside the drainer's JVM, and the bench
     * subtracts this from the drainer's share so that the delay's own cost is not counted as the drainer's.
     */
    public long cpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = exitedCpuNanos.get();
        for (Thread t : threads) {
            long n = mx.getThreadCpuTime(t.getId());
            sum += Math.max(0, n);
        }
        return sum;
    }

    /** Starts {@code body} on a daemon thread whose CPU time {@link #cpuNanos} counts. */
    private void spawn(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } finally {
                // counted as exited before it leaves the live set, so a reading never misses it
                exitedCpuNanos.addAndGet(java.lang.management.ManagementFactory.getThreadMXBean()
                        .getCurrentThreadCpuTime());
                threads.remove(Thread.currentThread());
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            try {
                Socket server = new Socket();
                server.connect(target, 5_000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                pipe(client, server, "up");
                pipe(server, client, "down");
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** One direction: a reader thread that stamps chunks and a writer thread that sends them when due. */
    private void pipe(Socket from, Socket to, String name) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        spawn("delay-proxy-" + name + "-read", () -> {
            try {
                while (true) {
                    byte[] buf = new byte[CHUNK];
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    long now = System.nanoTime();
                    queue.add(new Chunk(buf, n, now, now + oneWayNanos));
                }
            } catch (IOException e) {
                // the connection closed; the writer ends the other side
            }
            queue.add(EOF);
        });
        spawn("delay-proxy-" + name + "-write", () -> {
            try {
                while (true) {
                    Chunk c = queue.take();
                    if (c == EOF) {
                        break;
                    }
                    for (long wait = c.due() - System.nanoTime(); wait > 0; wait = c.due() - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(c.bytes(), 0, c.length());
                    out.flush();
                    long spent = System.nanoTime() - c.readAt();
                    minDelayNanos.accumulateAndGet(spent, Math::min);
                    bytes.addAndGet(c.length());
                    chunks.incrementAndGet();
                }
                to.shutdownOutput();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the other side went away
            } finally {
                if (from.isClosed() || to.isClosed() || bothDone(from, to)) {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }
        });
    }

    /** Both directions finished once each socket's output has been shut down. */
    private boolean bothDone(Socket a, Socket b) {
        return a.isOutputShutdown() && b.isOutputShutdown();
    }

    private void closeQuietly(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : sockets.toArray(new Socket[0])) {
            closeQuietly(s);
        }
    }

    @Override
    public String toString() {
        return "DelayProxy[127.0.0.1:" + port() + " -> " + target + ", +" + rtt().toMillis() + " ms]";
    }
}
