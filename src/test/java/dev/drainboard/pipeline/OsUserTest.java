package dev.drainboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The reveal audit's os_user is the real OS user, whatever {@code -Duser.name} says. */
public class OsUserTest {

    /** What the OS says, independently of Java: {@code id -un}. */
    public static String idUn() {
        try {
            Process p = new ProcessBuilder("id", "-un").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("id -un failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theAuditedUserIsTheRealOsUserNotTheUserNameProperty() {
        String before = System.getProperty("user.name");
        System.setProperty("user.name", "mallory-not-me");
        try {
            assertThat(OsUser.lookup()).isEqualTo(idUn()).isNotEqualTo("mallory-not-me");
            assertThat(OsUser.fromProc()).isEqualTo(idUn());
        } finally {
            System.setProperty("user.name", before);
        }
    }
}
