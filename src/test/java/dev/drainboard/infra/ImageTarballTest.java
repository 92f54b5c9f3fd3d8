package dev.drainboard.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drainboard.config.AppConfig;
import dev.drainboard.support.Db;
import dev.drainboard.support.Messages;
import dev.drainboard.support.Pipeline;
import dev.drainboard.support.TestKeys;
import dev.drainboard.support.TestServers;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the service image the way the README says (scripts/image-base for a base this machine can
 * have, then {@code mvn -Pimage jib:buildTar} with it as a tar:// base) and reads the tarball:
 * its config (non-root user, entrypoint, command, port, environment) and every layer (no JavaFX).
 * As root, it also unpacks the layers and runs the image's own entrypoint in a chroot against the
 * test servers: the image drains messages into PostgreSQL.
 */
class ImageTarballTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path IMAGE = ROOT.resolve("target/jib-image.tar");
    private static JsonNode config;
    private static Path unpacked;
    private static JsonNode manifest;
    private static List<String> layerEntries;

    @BeforeAll
    static void buildTheImage() throws Exception {
        Path base = ROOT.resolve("target/image-base.tar");
        ExternalTool.Result b = ExternalTool.run(ROOT, Map.of(), List.of("bash", "scripts/image-base", base.toString()),
                300);
        assertThat(b.exitCode()).as(b.output()).isZero();
        Path mvn = ExternalTool.require("mvn", "maven");
        ExternalTool.Result r = ExternalTool.run(ROOT, Map.of(), List.of(mvn.toString(), "-B", "-q", "-Pimage",
                "jib:buildTar", "-Djib.from.image=tar://" + base, "-Djib.console=plain"), 600);
        assertThat(r.exitCode()).as(r.output()).isZero();
        unpacked = Files.createTempDirectory("drainboard-image");
        ExternalTool.Result x = ExternalTool.run(ROOT, Map.of(), List.of("tar", "-xf", IMAGE.toString(), "-C",
                unpacked.toString()), 120);
        assertThat(x.exitCode()).as(x.output()).isZero();
        manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(unpacked.resolve(manifest.get("Config").asText()).toFile());
        layerEntries = new ArrayList<>();
        for (JsonNode layer : manifest.get("Layers")) {
            try (InputStream in = layerStream(unpacked.resolve(layer.asText()));
                 TarArchiveInputStream t = new TarArchiveInputStream(in)) {
                TarArchiveEntry e;
                while ((e = t.getNextEntry()) != null) {
                    layerEntries.add(e.getName().replaceFirst("^\\./", "").replaceFirst("^/", ""));
                }
            }
        }
    }

    @AfterAll
    static void removeTheUnpackedImage() throws IOException {
        if (unpacked != null) {
            try (Stream<Path> all = Files.walk(unpacked)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static InputStream layerStream(Path layer) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(layer));
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in) : in;
    }

    @Test
    void theImageRunsDrainFollowAsANonRootUserWithTheMetricsPortExposed() {
        JsonNode c = config.get("config");
        assertThat(c.get("User").asText()).isEqualTo("65532:65532");
        assertThat(strings(c.get("Entrypoint"))).containsExactly("java", "-XX:MaxRAMPercentage=75",
                "-XX:+ExitOnOutOfMemoryError", "-cp", "/app/resources:/app/classes:/app/libs/*", "dev.drainboard.cli.Main");
        assertThat(strings(c.get("Cmd"))).containsExactly("drain", "--follow");
        assertThat(c.get("ExposedPorts").has("9404/tcp")).isTrue();
        assertThat(strings(c.get("Env"))).contains("DRAINBOARD_METRICS_PORT=9404", "DRAINBOARD_METRICS_HOST=0.0.0.0",
                "DRAINBOARD_LOG_FORMAT=json", "DRAINBOARD_DATA_DIR=/tmp/drainboard");
        assertThat(strings(c.get("Env"))).noneMatch(e -> e.startsWith("DRAINBOARD_MASK_KEY")
                || e.startsWith("DRAINBOARD_DB_PASSWORD"));
        assertThat(config.get("os").asText()).isEqualTo("linux");
    }

    @Test
    void noJavaFxIsInAnyLayerAndTheServiceClassesAre() {
        assertThat(layerEntries).contains("app/classes/dev/drainboard/cli/Main.class",
                "app/classes/dev/drainboard/service/ServiceMetrics.class", "opt/java/openjdk/bin/java");
        assertThat(layerEntries).anyMatch(e -> e.startsWith("app/libs/micrometer-registry-prometheus-"));
        assertThat(layerEntries).noneMatch(e -> e.toLowerCase().contains("javafx") || e.contains("atlantafx")
                || e.contains("jib-classpath-file"));
    }

    @Test
    void asRootTheImagesOwnEntrypointDrainsIntoPostgres(@TempDir Path dir) throws Exception {
        Path unshare = Path.of("/usr/bin/unshare");
        assumeTrue(Files.isExecutable(unshare) && "root".equals(System.getProperty("user.name")),
                "running the image in a chroot needs root and unshare");
        Path rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("proc"));
        for (JsonNode layer : manifest.get("Layers")) {
            ExternalTool.Result x = ExternalTool.run(dir, Map.of(), List.of("tar", "-xf",
                    unpacked.resolve(layer.asText()).toString(), "-C", rootfs.toString()), 120);
            assertThat(x.exitCode()).as(x.output()).isZero();
        }
        AppConfig cfg = TestServers.config();
        try (Pipeline p = new Pipeline(cfg)) {
            p.source.send(List.of(Messages.login("image-1", "198.51.100.7", "731-12-4107"),
                    Messages.login("image-2", "198.51.100.8", "731-12-4108"), "{\"not\": \"a login\"}"));
            List<String> env = new ArrayList<>(strings(config.get("config").get("Env")));
            env.addAll(List.of("DRAINBOARD_SQS_ENDPOINT=" + cfg.sqsEndpoint().orElseThrow(),
                    "DRAINBOARD_QUEUE=" + cfg.queue(), "DRAINBOARD_JDBC_URL=" + cfg.jdbcUrl().orElseThrow(),
                    "DRAINBOARD_MASK_KEY=" + TestKeys.BASE64, "DRAINBOARD_WAIT_SECONDS=1",
                    "DRAINBOARD_METRICS_PORT=0", "DRAINBOARD_METRICS_HOST=127.0.0.1"));
            // a private mount namespace with /proc (the JVM finds its libraries through it), then the
            // image's entrypoint as its user, with the image's environment
            List<String> cmd = new ArrayList<>(List.of(unshare.toString(), "--mount", "--fork", "sh", "-c",
                    "mount -t proc proc \"$0/proc\" && cd \"$0\" && exec chroot --userspec=65532:65532 \"$0\" \"$@\"",
                    rootfs.toString()));
            cmd.addAll(strings(config.get("config").get("Entrypoint")));
            cmd.add("drain");   // a one-shot drain instead of the image's "drain --follow", as a Job would run it
            Map<String, String> envMap = new HashMap<>();
            for (String e : env) {
                int eq = e.indexOf('=');
                envMap.put(e.substring(0, eq), e.substring(eq + 1));
            }
            ExternalTool.Result run = ExternalTool.run(dir, envMap, cmd, 180);
            assertThat(run.exitCode()).as(run.output()).isZero();
            String last = run.output().strip().substring(run.output().strip().lastIndexOf('\n') + 1);
            JsonNode summary = JSON.readTree(last);
            assertThat(summary.get("message").asText()).isEqualTo("Drain stopped");
            assertThat(summary.get("written").asLong()).isEqualTo(2);
            assertThat(summary.get("rejected").asLong()).isEqualTo(1);
            assertThat(Db.count(p.jdbc(), "SELECT count(*) FROM user_logins")).isEqualTo(2);
            assertThat(run.output()).doesNotContain("198.51.100.7").doesNotContain(TestKeys.BASE64);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
