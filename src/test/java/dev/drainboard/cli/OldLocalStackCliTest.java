package dev.drainboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.source.SqsErrors;
import dev.drainboard.source.SqsStub;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Someone points Drainboard at the exercise's original LocalStack image. */
class OldLocalStackCliTest {
    @TempDir
    Path dataDir;

    @Test
    void theCliSaysInOneSentenceThatLocalStackIsOlderThan3AndWhatToDo() throws Exception {
        try (SqsStub oldLocalStack = SqsStub.answering(500, "text/xml", SqsStub.OLD_LOCALSTACK_ERROR)) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"depth", "--sqs-endpoint", oldLocalStack.endpoint().toString(),
                "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/unused", "--data-dir", dataDir.toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));

            assertThat(code).isEqualTo(1);
            assertThat(oldLocalStack.requests()).isPositive();
            String lastLine = err.toString().strip().lines().reduce((a, b) -> b).orElse("");
            assertThat(lastLine).isEqualTo("drainboard depth: Could not find the queue 'login-queue': "
                    + SqsErrors.OLD_LOCALSTACK);
            assertThat(out.toString()).isEmpty();
        }
    }
}
