package dev.drainboard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.cli.Main;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.embedded.EmbeddedPostgresServer;
import dev.drainboard.embedded.EmbeddedSqs;
import dev.drainboard.source.SqsClients;
import dev.drainboard.support.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The compose path without Docker (none runs here): the LocalStack ready.d hook of
 * docker-compose.yml, run as it is with the AWS CLI, seeds the embedded ElasticMQ in LocalStack's
 * place; an embedded PostgreSQL gets data/create_table.sql as the compose PostgreSQL does at first
 * start; then the CLI, pointed there by scripts/env-compose, drains the sample.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedScriptTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir
    static Path tmp;

    private EmbeddedSqs sqs;
    private EmbeddedPostgresServer pg;
    private String jdbcUrl;
    private ExternalTool.Result hook;
    private List<String> sample;

    @BeforeAll
    void seedTheEmbeddedSqsWithTheLocalStackHook() throws Exception {
        Path aws = ExternalTool.require("aws", "awscli", "/usr/bin/aws");
        sample = Files.readAllLines(ROOT.resolve("data/sample_messages.jsonl"), StandardCharsets.UTF_8);
        sqs = EmbeddedSqs.start(0, null);
        hook = ExternalTool.run(ROOT, Map.of(
                        "DRAINBOARD_HOME", ROOT.toString(),
                        "SEED_ENDPOINT", sqs.endpoint().toString(),
                        "SEED_MARKER", tmp.resolve("seeded").toString(),
                        "AWS_CLI", aws.toString()),
                List.of("scripts/localstack-ready.d/seed-login-queue.sh"), 120);
        pg = TestServers.postgres();
        // The compose PostgreSQL's database is "postgres"; the shared server's is this test's alone.
        jdbcUrl = pg.jdbcUrl();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute(Files.readString(ROOT.resolve("data/create_table.sql"), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    void stop() {
        if (sqs != null) {
            sqs.close();
        }
    }

    @Test
    @Order(1)
    void theReadyHookCreatesBothQueuesAndSendsTheHundredSampleMessages() {
        assertThat(hook.exitCode()).as(hook.output()).isZero();
        assertThat(hook.output()).contains("sent 100 messages");
        assertThat(tmp.resolve("seeded")).as("the marker the health check waits for").exists();
        assertThat(sample).hasSize(100);
        AppConfig config = new ConfigLoader(Map.of(), Map.of(), new Properties()).load();
        try (SqsClient client = SqsClients.client(config, sqs.endpoint(), 2)) {
            String dlq = client.getQueueUrl(b -> b.queueName("login-queue-dlq")).queueUrl();
            assertThat(count(client, dlq)).isZero();
            String queue = client.getQueueUrl(b -> b.queueName("login-queue")).queueUrl();
            assertThat(count(client, queue)).isEqualTo(100);
        }
    }

    @Test
    @Order(2)
    void envComposePointsTheCliAtTheComposeServersAndTheSampleDrainsIntoUserLogins() throws Exception {
        Map<String, String> env = envCompose(sqs.endpoint().getPort(), pg.port());
        AppConfig config = new ConfigLoader(Map.of(), env, new Properties()).load();
        assertThat(config.sqsEndpoint()).contains(URI.create("http://localhost:" + sqs.endpoint().getPort()));
        assertThat(config.jdbcUrl()).contains("jdbc:postgresql://localhost:" + pg.port() + "/postgres");
        assertThat(config.queue()).isEqualTo("login-queue");

        List<String> args = new ArrayList<>(List.of("drain", "--data-dir", tmp.resolve("data").toString()));
        for (ConfigKey k : ConfigKey.values()) {
            Optional.ofNullable(env.get(k.env())).ifPresent(v -> args.add("--" + k.flag() + "=" + v));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();

        Set<String> sent = new HashSet<>();
        Matcher m = Pattern.compile("\"user_id\": \"([^\"]+)\"").matcher(String.join("\n", sample));
        while (m.find()) {
            sent.add(m.group(1));
        }
        Set<String> stored = new HashSet<>();
        long rejected;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT user_id FROM user_logins")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM drainboard_ledger")) {
                rs.next();
                assertThat(rs.getLong(1)).as("every message committed once").isEqualTo(100);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM drainboard_rejections")) {
                rs.next();
                rejected = rs.getLong(1);
            }
        }
        assertThat(sent).containsAll(stored);
        assertThat(stored.size() + rejected).isLessThanOrEqualTo(100);
        assertThat(stored).hasSizeGreaterThan(90);
    }

    /** What `. scripts/env-compose` exports, with the compose ports moved to the embedded servers. */
    private static Map<String, String> envCompose(int sqsPort, int pgPort) throws Exception {
        ExternalTool.Result r = ExternalTool.run(ROOT, Map.of("DRAINBOARD_SQS_PORT", Integer.toString(sqsPort),
                "DRAINBOARD_PG_PORT", Integer.toString(pgPort)), List.of("bash", "-c", ". scripts/env-compose && env"), 30);
        assertThat(r.exitCode()).as(r.output()).isZero();
        Map<String, String> env = new HashMap<>();
        for (String line : r.output().split("\n")) {
            int eq = line.indexOf('=');
            if (line.startsWith("DRAINBOARD_") && eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    private static long count(SqsClient client, String url) {
        return Long.parseLong(client.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
