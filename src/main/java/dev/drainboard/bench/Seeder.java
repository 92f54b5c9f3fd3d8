package dev.drainboard.bench;

import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.source.QueueSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** Sends generated logins in parallel, in constant memory: the benchmark's load. */
public final class Seeder {
    public static final double DUPLICATE_SHARE = 0.2;
    public static final double MALFORMED_SHARE = 0.01;
    private static final int THREADS = 8;

    private Seeder() {
    }

    /** Sends {@code n} generated messages; returns how many of them are malformed. */
    public static long send(QueueSource source, long n, long seed) throws Exception {
        DemoMessages.Generator g = new DemoMessages.Generator(DUPLICATE_SHARE, MALFORMED_SHARE, seed);
        AtomicLong left = new AtomicLong(n);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                fs.add(pool.submit(() -> {
                    while (true) {
                        long before = left.getAndAdd(-100);
                        if (before <= 0) {
                            return null;
                        }
                        int take = (int) Math.min(100, before);
                        List<String> bodies = new ArrayList<>(take);
                        synchronized (g) {
                            for (int j = 0; j < take; j++) {
                                bodies.add(g.next());
                            }
                        }
                        source.send(bodies);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return g.malformed();
    }
}
