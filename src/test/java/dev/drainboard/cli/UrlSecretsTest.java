package dev.drainboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.app.Operations;
import dev.drainboard.app.Workspace;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.support.CapturedLogs;
import dev.drainboard.support.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A password inside the JDBC URL ({@code ?password=...}), on real ElasticMQ and PostgreSQL, never
 * appears where the URL is shown: the start-up log line, the CLI's endpoints, the console's header,
 * an error.
 */
class UrlSecretsTest {
    private static final String SECRET = "TopSecret1";

    @Test
    void aPasswordInTheJdbcUrlIsRedactedInTheLogTheEndpointsTheHeaderAndErrors() {
        AppConfig base = TestServers.config();
        String url = base.jdbcUrl().orElseThrow() + "?user=postgres&password=" + SECRET;
        AppConfig c = TestServers.config(Map.of(ConfigKey.JDBC_URL, url, ConfigKey.QUEUE, base.queue()));
        List<String> shown = new ArrayList<>();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> logged;
        try (CapturedLogs captured = CapturedLogs.start()) {
            try (Workspace ws = Workspace.open(c, shown::add)) {
                shown.add(c.describe());
                shown.add(Endpoints.describe(ws));
                Operations.About b = ws.operations().about();
                shown.add(b.dbWhere());
                shown.add(b.sqsWhere());
            }
            String wrongDb = url.replace("/t", "/missing_t");
            Main.run(new String[] {"depth", "--sqs-endpoint=" + c.sqsEndpoint().orElseThrow(), "--queue=" + c.queue(),
                "--jdbc-url=" + wrongDb, "--data-dir=" + c.dataDir(), "--wait-seconds=0"},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            Main.run(new String[] {"depth", "--jdbc-url=jdbc:mysql://db/x?password=" + SECRET},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            logged = captured.texts();
        }
        shown.addAll(logged);
        shown.add(out.toString());
        shown.add(err.toString());

        assertThat(String.join("\n", shown)).contains("password=****").contains("does not exist")
                .contains("jdbc:mysql://db/x?password=****");
        assertThat(shown).noneMatch(s -> s != null && s.contains(SECRET));
    }
}
