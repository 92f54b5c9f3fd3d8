package dev.drainboard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is checked the ways that need no
 * engine: Debian's docker-compose parses and resolves it, and every host file it mounts exists.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void dockerComposeAcceptsTheFileAndEveryMountedFileExists() throws Exception {
        Path compose = ExternalTool.require("docker-compose", "docker-compose", "/usr/bin/docker-compose");
        ExternalTool.Result r = ExternalTool.run(ROOT, Map.of(),
                List.of(compose.toString(), "-f", "docker-compose.yml", "config"), 60);

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("image: localstack/localstack:3.8.1", "image: postgres:17",
                "127.0.0.1:4566:4566", "127.0.0.1:5432:5432");
        List<Path> mounted = hostPathsOfBindMounts(r.output());
        assertThat(mounted).hasSize(4).allSatisfy(p -> assertThat(p).exists());
        assertThat(mounted).contains(ROOT.resolve("data/create_table.sql"), ROOT.resolve("scripts/localstack-ready.d"));
    }

    @Test
    void theImagesArePinnedAndLocalStackIsAtLeast3() throws Exception {
        String yml = Files.readString(ROOT.resolve("docker-compose.yml"), StandardCharsets.UTF_8);
        Matcher ls = Pattern.compile("image: localstack/localstack:(\\d+)\\.(\\d+)\\.(\\d+)\\s").matcher(yml);
        assertThat(ls.find()).as("LocalStack pinned to an exact x.y.z tag").isTrue();
        assertThat(Integer.parseInt(ls.group(1))).as("LocalStack major (3.0 added the SQS JSON protocol)")
                .isGreaterThanOrEqualTo(3);
        Matcher pg = Pattern.compile("image: postgres:(\\d+)\\s").matcher(yml);
        assertThat(pg.find()).as("PostgreSQL pinned to a major").isTrue();
        assertThat(Integer.parseInt(pg.group(1))).isGreaterThanOrEqualTo(15);
        assertThat(yml).doesNotContain(":latest");
    }

    @Test
    void theHooksAndHelpersAreExecutableAndValidBash() throws Exception {
        List<Path> scripts;
        try (Stream<Path> s = Files.walk(ROOT.resolve("scripts"))) {
            scripts = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".gitkeep")).toList();
        }
        assertThat(scripts).extracting(p -> ROOT.relativize(p).toString()).contains("scripts/start",
                "scripts/stop", "scripts/clean", "scripts/env-compose", "scripts/seed-queue.sh",
                "scripts/localstack-ready.d/seed-login-queue.sh");
        for (Path p : scripts) {
            ExternalTool.Result r = ExternalTool.run(ROOT, Map.of(), List.of("bash", "-n", p.toString()), 30);
            assertThat(r.exitCode()).as(p + ": " + r.output()).isZero();
            boolean sourced = p.endsWith("env-compose") || p.getParent().endsWith("lib");
            if (!sourced) {
                assertThat(Files.isExecutable(p)).as(p + " is executable (LocalStack runs only executable hooks)")
                        .isTrue();
            }
        }
    }

    /** The host side of "- /abs/host:/in/container[:ro]" lines in docker-compose config's output. */
    private static List<Path> hostPathsOfBindMounts(String config) {
        List<Path> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*- (/[^:\\s]+):/[^\\s]*$").matcher(config);
        while (m.find()) {
            out.add(Path.of(m.group(1)));
        }
        return out;
    }
}
