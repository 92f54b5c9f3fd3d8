package dev.drainboard.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.DrainStats;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.support.Db;
import dev.drainboard.support.Messages;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestServers;
import dev.drainboard.transform.LoginParser;
import dev.drainboard.transform.ParseResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checked-in corpus of bad and odd bodies (src/test/resources/hostile). A file named
 * {@code row-*} must become a row, {@code rej-*} a rejection with a reason; nothing may throw.
 */
class HostileInputTest {

    record Case(String name, String body) {
        boolean expectRow() {
            return name.startsWith("row-");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(HostileInputTest.class.getResource("/hostile").toURI());
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                out.add(new Case(f.getFileName().toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    @Test
    void theCorpusIsLargeAndMixed() throws Exception {
        List<Case> all = corpus();
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        assertThat(all).filteredOn(Case::expectRow).hasSizeGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBodyEndsAsTheExpectedRowOrRejection(Case c) {
        ParseResult r = new LoginParser().parse(Messages.of(c.body()));

        if (c.expectRow()) {
            assertThat(r).isInstanceOf(ParseResult.Parsed.class);
        } else {
            assertThat(r).isInstanceOf(ParseResult.Rejected.class);
            assertThat(((ParseResult.Rejected) r).rejection().reason()).isNotBlank();
        }
    }

    /** SQS accepts only these characters, at least one, up to 256 KiB; the others never reach a drainer. */
    static boolean sqsCanCarry(String body) {
        if (body.isEmpty() || body.getBytes(StandardCharsets.UTF_8).length > 262_144) {
            return false;
        }
        return body.codePoints().allMatch(cp -> cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF
                || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF);
    }

    @Test
    void aDrainOfTheWholeCorpusNeverStopsAndPutsEachBodyInItsPlace() throws Exception {
        List<Case> sendable = corpus().stream().filter(c -> sqsCanCarry(c.body())).toList();
        long rows = sendable.stream().filter(Case::expectRow).count();
        try (Pipeline p = new Pipeline(TestServers.config())) {
            p.source.send(sendable.stream().map(Case::body).toList());

            DrainStats s = p.drainer.drainAll(new DrainOptions(2, 0, Duration.ZERO), ProgressListener.NONE,
                    new StopSignal());

            assertThat(sendable).hasSizeGreaterThanOrEqualTo(60);
            assertThat(s.totals().written()).isEqualTo(rows);
            assertThat(s.totals().rejected()).isEqualTo(sendable.size() - rows);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_rejections WHERE reason = ''")).isZero();
            assertThat(p.source.depth().total()).isZero();
            // Injection strings are data: stored verbatim, and the tables are still there.
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins WHERE user_id = "
                    + "'''; DROP TABLE user_logins; --'")).isEqualTo(1);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins WHERE device_type = 'x'' OR ''1''=''1'"))
                    .isEqualTo(1);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM drainboard_ledger")).isEqualTo(sendable.size());
        }
    }
}
