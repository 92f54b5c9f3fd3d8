package dev.drainboard.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.drainboard.app.Workspace;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The embedded queue never starts silently empty: a damaged message store stops the start with a
 * message that says what was found, and nothing is recreated over it; a store of an earlier version
 * (H2) is carried over whole.
 */
class QueueStoreTest {
    private static final String QUEUE = "login-queue";

    @Test
    void aStoreWithAPageOverwrittenStopsTheStartAndIsLeftAsItWas(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Path file = filledStore(data, 300);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[8192];
            Arrays.fill(garbage, (byte) 0x5A);
            f.seek(0);
            f.write(garbage);
        }
        byte[] damaged = Files.readAllBytes(file);

        assertRefusedAndUntouched(data, file, damaged);
    }

    @Test
    void aTruncatedStoreStopsTheStartAndIsLeftAsItWas(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Path file = filledStore(data, 300);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(0);
        }

        assertRefusedAndUntouched(data, file, new byte[0]);
    }

    @Test
    void aHealthyStoreComesBackWithEveryMessage(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        filledStore(data, 300);
        try (Workspace ws = open(data)) {
            assertThat(ws.source().depth().available()).isEqualTo(400); // 300 + the first start's sample
            assertThat(ws.seededNow()).isFalse();
        }
    }

    @Test
    void aStoreOfAnEarlierVersionIsCarriedOverWhole(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Path h2 = data.resolve("elasticmq");
        Files.createDirectories(h2);
        Files.writeString(data.resolve(".sample-seeded"), "sample messages sent on first start\n");
        legacyH2Store(h2, 37);

        try (Workspace ws = open(data)) {
            assertThat(ws.source().depth().available()).isEqualTo(37);
            assertThat(ws.seededNow()).isFalse();
        }
        assertThat(h2.resolve("messages.mv.db")).doesNotExist();
        assertThat(h2.resolve("messages.mv.db.migrated")).exists();
        try (Workspace again = open(data)) {
            assertThat(again.source().depth().available()).as("moved once, not twice").isEqualTo(37);
        }
    }

    @Test
    void whenTheEmbeddedPostgresDiesTheQueueStopsInsteadOfAcknowledgingWhatItCannotStore(@TempDir Path tmp)
            throws Exception {
        Path data = tmp.resolve("data");
        try (Workspace ws = open(data)) {
            URI endpoint = ws.config().sqsEndpoint().orElseThrow();
            long postmaster = ws.embeddedPostgres().orElseThrow().pid();
            ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !answers(endpoint));
        }
    }

    private static boolean answers(URI endpoint) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void anAcknowledgedSendIsAlreadyInTheStore(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        try (Workspace ws = open(data)) {
            EmbeddedPostgresServer pg = ws.embeddedPostgres().orElseThrow();
            ws.source().send(List.of("{\"acknowledged\":1}", "{\"acknowledged\":2}", "{\"acknowledged\":3}"));
            // read at once, from the store's own table: the acknowledgement came after the write
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(QueueStore.DATABASE), pg.user(), pg.password());
                 Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM " + QueueStore.messageTable(QUEUE))) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(103); // and the sample of the first start
            }
        }
    }

    @Test
    void afterAStoreErrorTheQueueAcknowledgesNothingItDidNotStore(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        int acknowledged = 0;
        try (Workspace ws = open(data)) {
            EmbeddedPostgresServer pg = ws.embeddedPostgres().orElseThrow();
            String superuser = PgPasswords.load(data.resolve("pgpass")).superuser();
            try (SqsClient sqs = SqsClient.builder().endpointOverride(ws.config().sqsEndpoint().orElseThrow())
                    .region(Region.US_EAST_1).httpClient(ApacheHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                    .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry())
                            .apiCallTimeout(java.time.Duration.ofSeconds(40)))
                    .build()) {
                String url = sqs.getQueueUrl(b -> b.queueName(QUEUE)).queueUrl();
                int refusedInARow = 0;
                for (int i = 0; i < 300 && refusedInARow < 3; i++) {
                    if (i == 50) {
                        // the database stays up; only ElasticMQ's connections to its store are cut
                        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", superuser);
                             Statement s = c.createStatement()) {
                            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                                    + QueueStore.DATABASE + "' AND pid <> pg_backend_pid()");
                        }
                    }
                    int k = i;
                    try {
                        sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"n\":" + k + "}"));
                        acknowledged++;
                        refusedInARow = 0;
                    } catch (software.amazon.awssdk.core.exception.SdkException refused) {
                        refusedInARow++; // keep sending: a queue that still answers must store what it acknowledges
                    }
                }
            }
        }
        assertThat(acknowledged).as("sends before the cut were acknowledged, later ones not").isBetween(50, 299);
        try (Workspace again = open(data)) {
            assertThat(again.source().depth().total()).as("every acknowledged send is stored")
                    .isEqualTo(100 + acknowledged);
        }
    }

    /** A data folder whose queue holds {@code n} messages (plus the sample); returns the heap file of its messages. */
    private static Path filledStore(Path data, int n) throws Exception {
        try (Workspace ws = open(data)) {
            ws.source().send(IntStream.range(0, n).mapToObj(i -> "{\"n\":" + i + "}").toList());
        }
        try (EmbeddedStack pgOnly = EmbeddedStack.open(DataFolder.lock(data), false, s -> { });
             Connection c = DriverManager.getConnection(pgOnly.postgres().jdbcUrl(QueueStore.DATABASE),
                     pgOnly.postgres().user(), pgOnly.postgres().password());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pg_relation_filepath('" + QueueStore.messageTable(QUEUE) + "')")) {
            r.next();
            return data.resolve("postgres").resolve(r.getString(1));
        }
    }

    private static void assertRefusedAndUntouched(Path data, Path file, byte[] before) throws Exception {
        assertThatThrownBy(() -> open(data).close())
                .hasMessageContaining("message store")
                .hasMessageContaining("is damaged")
                .hasMessageContaining("nothing in it was changed")
                .hasMessageContaining("restore the data folder from a backup");
        assertThat(Files.readAllBytes(file)).as("the store file after the refused start").isEqualTo(before);
        // the refused start recreated nothing: the same single queue row is stored, and a second
        // start is refused the same way
        try (EmbeddedStack pgOnly = EmbeddedStack.open(DataFolder.lock(data), false, s -> { });
             Connection c = DriverManager.getConnection(pgOnly.postgres().jdbcUrl(QueueStore.DATABASE),
                     pgOnly.postgres().user(), pgOnly.postgres().password());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT name FROM queue ORDER BY name")) {
            List<String> names = new java.util.ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1));
            }
            assertThat(names).containsExactly(QUEUE, QUEUE + "-dlq");
        }
        assertThatThrownBy(() -> open(data).close()).hasMessageContaining("is damaged");
    }

    private static Workspace open(Path data) {
        return Workspace.open(ConfigLoader.load(Map.of(ConfigKey.DATA_DIR, data.toString())), s -> { });
    }

    /** An ElasticMQ H2 store as Drainboard 0.1 kept it, holding {@code n} messages on the login queue. */
    private static void legacyH2Store(Path dir, int n) throws IOException {
        int port = EmbeddedSqs.freePort();
        Config c = ConfigFactory.parseMap(Map.of("node-address.protocol", "http", "node-address.host", "127.0.0.1",
                        "node-address.port", port, "node-address.context-path", "", "rest-sqs.enabled", true,
                        "rest-sqs.bind-port", port, "rest-sqs.bind-hostname", "127.0.0.1", "generate-node-address", false))
                .withValue("messages-storage.enabled", ConfigValueFactory.fromAnyRef(true))
                .withValue("messages-storage.uri", ConfigValueFactory.fromAnyRef(
                        "jdbc:h2:" + dir.toAbsolutePath().resolve("messages")));
        EmbeddedSqs.resetSqlStoreSingleton();
        scala.Function0<?> stop = new ElasticMQServer(new ElasticMQServerConfig(c.withFallback(ConfigFactory.load())
                .resolve())).start();
        try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1).httpClient(ApacheHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build()) {
            String url = sqs.createQueue(b -> b.queueName(QUEUE)).queueUrl();
            sqs.createQueue(b -> b.queueName(QUEUE + "-dlq"));
            for (int i = 0; i < n; i++) {
                int k = i;
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"legacy\":" + k + "}"));
            }
        } finally {
            stop.apply();
            scalikejdbc.ConnectionPool$.MODULE$.closeAll();
            EmbeddedSqs.resetSqlStoreSingleton();
        }
    }

}
