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

    private Pipeline(Pipeline base, SqsQueueSource source) {
        this.config = base.config;
        this.source = source;
        this.sink = base.sink;
        this.writer = base.writer;
        this.drainer = new Drainer(source, new LoginParser(), new HmacMasker(TestKeys.BYTES), writer,
                Clock.systemUTC());
    }

    /**
     * The same queue, sink and store over another SDK client (e.g. one that fails on purpose). Do not
     * close the result; close the client and this pipeline.
     */
    public Pipeline withClient(software.amazon.awssdk.services.sqs.SqsClient client) {
        return new Pipeline(this, new SqsQueueSource(client, "test", config.queue(), source.queueUrl(),
                config.visibilityTimeout(), true));
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
