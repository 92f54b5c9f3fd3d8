package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.sink.LoginSink;
import dev.drainboard.sink.SinkException;
import dev.drainboard.support.Db;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestKeys;
import dev.drainboard.support.TestServers;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random bodies and random database failures: whatever happens, every received message becomes a
 * row or a rejection, and no raw ip or device id is stored.
 */
class DrainPropertiesTest {
    private static final List<String> IPS = List.of("192.0.2.1", "192.0.2.2", "2001:db8::7", "203.0.113.9");
    private static final List<String> DEVICES = List.of("100-20-3000", "100-20-3001", "dev-xyz");

    /** A body and whether it is a valid login by construction. */
    record Body(String json, boolean valid) {
    }

    @Provide
    Arbitrary<Body> bodies() {
        Arbitrary<String> user = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> ip = Arbitraries.of(IPS);
        Arbitrary<String> device = Arbitraries.of(DEVICES);
        Arbitrary<String> locale = Arbitraries.of("RU", "PH", "null");
        Arbitrary<Body> valid = Combinators.combine(user, ip, device, locale).as((u, i, d, l) -> new Body(
                "{\"user_id\":\"" + u + "\",\"app_version\":\"1.2.3\",\"device_type\":\"ios\",\"ip\":\"" + i
                        + "\",\"device_id\":\"" + d + "\",\"locale\":" + (l.equals("null") ? "null" : "\"" + l + "\"")
                        + "}", true));
        Arbitrary<Body> broken = Combinators.combine(valid, Arbitraries.integers().between(0, 4),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(30)).as((v, how, junk) -> {
                    switch (how) {
                        case 0: return new Body(v.json().substring(0, v.json().length() / 2), false);
                        case 1: return new Body(v.json().replace("\"user_id\":", "\"user\":"), false);
                        case 2: return new Body(v.json().replace("\"app_version\":\"1.2.3\"", "\"app_version\":123"),
                                false);
                        case 3: return new Body("[" + v.json() + "]", false);
                        default: return new Body("x" + junk.replaceAll("[^\\x20-\\x7E]", "?"), false);
                    }
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, valid), net.jqwik.api.Tuple.of(1, broken));
    }

    @Property(tries = 15)
    void everyMessageEndsAsARowOrARejectionWhateverFails(@ForAll @Size(min = 1, max = 40) List<@net.jqwik.api.From("bodies") Body> input,
                                                          @ForAll @IntRange(min = 0, max = 3) int failures) {
        try (Pipeline p = new Pipeline(TestServers.config())) {
            p.source.send(input.stream().map(Body::json).toList());
            FlakySink flaky = new FlakySink(p.writer, failures);
            Drainer drainer = new Drainer(p.source, new LoginParser(), new HmacMasker(TestKeys.BYTES), flaky,
                    Clock.systemUTC());

            DrainStats s = drainer.drainAll(new DrainOptions(2, 0, Duration.ZERO, Duration.ofMillis(5)),
                    ProgressListener.NONE, new StopSignal());

            long valid = input.stream().filter(Body::valid).count();
            assertThat(s.received()).isEqualTo(input.size());
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")
                    + Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections")).isEqualTo(input.size());
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(valid);
            assertThat(p.source.depth().total()).isZero();
            assertThat(flaky.failed.get()).isEqualTo(Math.min(failures, flaky.calls.get()));
            for (String text : Db.allText(p.jdbc())) {
                for (String raw : IPS) {
                    assertThat(text).doesNotContain(raw);
                }
                for (String raw : DEVICES) {
                    assertThat(text).doesNotContain(raw);
                }
            }
        }
    }

    /** Fails its first {@code failures} writes the way a lost connection does, then behaves. */
    static final class FlakySink implements LoginSink {
        final LoginSink delegate;
        final int failures;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        FlakySink(LoginSink delegate, int failures) {
            this.delegate = delegate;
            this.failures = failures;
        }

        @Override
        public CommitResult write(Batch batch) {
            calls.incrementAndGet();
            if (failed.get() < failures && failed.incrementAndGet() <= failures) {
                throw new SinkException("simulated outage", true, null);
            }
            return delegate.write(batch);
        }

        @Override
        public String describe() {
            return "flaky";
        }

        @Override
        public void close() {
        }
    }

}
