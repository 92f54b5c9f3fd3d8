package dev.drainboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad service flags are settings errors: exit code 2 and one line naming the flag, before anything starts. */
class ServiceOptionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--metrics-port=70000    | --metrics-port (DRAINBOARD_METRICS_PORT) must be 0-65535",
        "--shutdown-timeout=0    | --shutdown-timeout (DRAINBOARD_SHUTDOWN_TIMEOUT) must be at least 1 second",
        "--health-interval=0     | --health-interval (DRAINBOARD_HEALTH_INTERVAL) must be at least 1 second",
        "--log-format=yaml       | Invalid value for option '--log-format'"
    })
    void aBadServiceFlagStopsTheDrainBeforeItStarts(String flag, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"drain", "--follow", flag, "--data-dir=" + System.getProperty("java.io.tmpdir")
                + "/drainboard-never-created"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(message);
        assertThat(out.toString()).isEmpty();
    }
}
