package dev.drainboard.support;

import dev.drainboard.config.AppConfig;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.sink.GroupCommitSink;
import dev.drainboard.sink.PostgresLoginSink;
import dev.drainboard.source.SqsClients;
import dev.drainboard.source.SqsQueueSource;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import java.time.Clock;

/** A real source, sink and drainer for one configuration, closed together. */
public final class Pipeline implements AutoCloseable {
    public final AppConfig config;
    public final SqsQueueSource source;
    public final PostgresLoginSink sink;
    public final GroupCommitSink writer;
    public final Drainer drainer;

    public Pipeline(AppConfig config) {
        this.config = config;
        this.source = SqsClients.open(config, config.sqsEndpoint().orElseThrow());
        this.sink = PostgresLoginSink.open(config.jdbcUrl().orElseThrow(), config.dbUser(), config.dbPassword(),
                config.workers() + 4);
        this.writer = new GroupCommitSink(sink, 2, 64);
        this.drainer = new Drainer(source, new LoginParser(), new HmacMasker(TestKeys.BYTES), writer,
                Clock.systemUTC());
    }

    public String jdbc() {
        return config.jdbcUrl().orElseThrow();
    }

    @Override
    public void close() {
        writer.close();
        sink.close();
        source.close();
    }
}
