package dev.drainboard.bench;

import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;
import dev.drainboard.sink.LoginSink;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link LoginSink} decorator that records how long each database transaction took. */
final class TimingSink implements LoginSink {
    private final LoginSink delegate;
    private final long[] nanos;
    private final AtomicInteger count = new AtomicInteger();

    TimingSink(LoginSink delegate, int capacity) {
        this.delegate = delegate;
        this.nanos = new long[capacity];
    }

    @Override
    public CommitResult write(Batch batch) {
        long t = System.nanoTime();
        CommitResult r = delegate.write(batch);
        int i = count.getAndIncrement();
        if (i < nanos.length) {
            nanos[i] = System.nanoTime() - t;
        }
        return r;
    }

    /** The q-th quantile (0..1) of the recorded times, in milliseconds. */
    double quantileMs(double q) {
        int n = Math.min(count.get(), nanos.length);
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return sorted[(int) Math.min(n - 1, Math.floor(q * n))] / 1e6;
    }

    void reset() {
        count.set(0);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
