package dev.drainboard.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.LoginEvent;
import dev.drainboard.model.Rejection;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.support.Messages;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoginParserTest {
    private final LoginParser parser = new LoginParser();

    private LoginEvent parsed(String body) {
        ParseResult r = parser.parse(Messages.of(body));
        assertThat(r).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) r).event();
    }

    private Rejection rejected(String body) {
        ParseResult r = parser.parse(Messages.of(body));
        assertThat(r).as("expected a rejection for %s", body).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected) r).rejection();
    }

    @Test
    void theSampleGives99LoginsAndOneRejection() {
        List<String> sample = DemoMessages.sample();
        long logins = sample.stream().filter(b -> parser.parse(Messages.of(b)) instanceof ParseResult.Parsed).count();
        long nullLocales = sample.stream().map(b -> parser.parse(Messages.of(b)))
                .filter(r -> r instanceof ParseResult.Parsed p && p.event().locale() == null).count();

        assertThat(sample).hasSize(100);
        assertThat(logins).isEqualTo(99);
        assertThat(nullLocales).isEqualTo(29);
        assertThat(rejected("{\"foo\": \"oops_wrong_msg_type\", \"bar\": \"123\"}").reason())
                .isEqualTo("field 'user_id' is missing");
    }

    @Test
    void aLoginKeepsItsFieldsAndTakesCreateDateFromTheUtcSendDate() {
        LoginEvent e = parsed(Messages.login("u-1", "10.0.0.1", "593-47-5928"));

        assertThat(e.userId()).isEqualTo("u-1");
        assertThat(e.ip()).isEqualTo("10.0.0.1");
        assertThat(e.deviceId()).isEqualTo("593-47-5928");
        assertThat(e.deviceType()).isEqualTo("android");
        assertThat(e.locale()).isEqualTo("RU");
        assertThat(e.appVersion()).isEqualTo("2.3.0");
        assertThat(e.createDate()).isEqualTo(LocalDate.of(2024, 3, 1));
    }

    @Test
    void nullOrMissingLocaleIsAllowedAndExtraFieldsAreIgnored() {
        assertThat(parsed("{\"user_id\":\"u\",\"app_version\":\"1\",\"device_type\":\"ios\",\"ip\":\"1.2.3.4\","
                + "\"device_id\":\"d\",\"locale\":null,\"extra\":{\"x\":[1,2]}}").locale()).isNull();
        assertThat(parsed("{\"user_id\":\"u\",\"app_version\":\"1\",\"device_type\":\"ios\",\"ip\":\"1.2.3.4\","
                + "\"device_id\":\"d\"}").locale()).isNull();
    }

    @Test
    void nestedObjectsAreFlattenedWithUnderscores() {
        LoginEvent e = parsed("{\"user\":{\"id\":\"u-9\"},\"app_version\":\"0.96\",\"device\":{\"type\":\"ios\","
                + "\"id\":\"111-22-3333\"},\"ip\":\"::1\"}");

        assertThat(e.userId()).isEqualTo("u-9");
        assertThat(e.deviceType()).isEqualTo("ios");
        assertThat(e.deviceId()).isEqualTo("111-22-3333");
        assertThat(e.ip()).isEqualTo("::1");
    }

    @Test
    void aByteOrderMarkBeforeTheJsonIsTolerated() {
        assertThat(parsed("\uFEFF" + Messages.login("u", "1.2.3.4", "d")).userId()).isEqualTo("u");
    }

    static Stream<Arguments> badBodies() {
        String ok = "\"user_id\":\"u\",\"app_version\":\"1.0\",\"device_type\":\"ios\",\"device_id\":\"d\"";
        return Stream.of(
                Arguments.of("", "the body is empty"),
                Arguments.of("   \n", "the body is only whitespace"),
                Arguments.of("not json", "not valid JSON (line 1, column 1)"),
                Arguments.of("{\"user_id\": \"u\", ", "the JSON is truncated (line 1, column 18)"),
                Arguments.of("[1,2]", "the body is a JSON array, not an object"),
                Arguments.of("42", "the body is a JSON number, not an object"),
                Arguments.of("\"text\"", "the body is a JSON string, not an object"),
                Arguments.of("{" + ok + ",\"ip\":\"1.2.3.4\"} {}", "there is more text after the JSON value (line 1, column 88)"),
                Arguments.of("{" + ok + "}", "field 'ip' is missing"),
                Arguments.of("{" + ok + ",\"ip\":null}", "field 'ip' is null"),
                Arguments.of("{" + ok + ",\"ip\":\"\"}", "field 'ip' is empty"),
                Arguments.of("{" + ok + ",\"ip\":1234}", "field 'ip' is a number, expected a string"),
                Arguments.of("{" + ok + ",\"ip\":\"localhost\"}", "field 'ip' is not an IPv4 or IPv6 address"),
                Arguments.of("{" + ok + ",\"ip\":\"300.1.1.1\"}", "field 'ip' is not an IPv4 or IPv6 address"),
                Arguments.of("{" + ok + ",\"ip\":\"1.2.3.4\",\"ip\":\"5.6.7.8\"}", "field 'ip' appears twice in one object"),
                Arguments.of("{" + ok.replace("\"user_id\":\"u\"", "\"user_id\":\"  \"") + ",\"ip\":\"1.2.3.4\"}",
                        "field 'user_id' is blank"),
                Arguments.of("{" + ok.replace("\"1.0\"", "2") + ",\"ip\":\"1.2.3.4\"}",
                        "field 'app_version' is a number, expected a string"),
                Arguments.of("{" + ok.replace("\"ios\"", "true") + ",\"ip\":\"1.2.3.4\"}",
                        "field 'device_type' is a boolean, expected a string"),
                Arguments.of("{" + ok.replace("\"ios\"", "\"" + "x".repeat(33) + "\"") + ",\"ip\":\"1.2.3.4\"}",
                        "field 'device_type' has 33 characters, more than its limit of 32"),
                Arguments.of("{" + ok + ",\"ip\":\"1.2.3.4\",\"locale\":\"R\\u0000U\"}",
                        "field 'locale' contains a control character"),
                Arguments.of("{" + ok + ",\"ip\":\"1.2.3.4\",\"device\":{\"id\":\"e\"}}",
                        "field 'device_id' is given twice (once flat, once nested)"),
                Arguments.of("{\"a\":".repeat(40) + "1" + "}".repeat(40), "the JSON is nested deeper than 32 levels"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badBodies")
    void badBodiesAreRejectedWithAReasonAPersonUnderstands(String body, String reason) {
        assertThat(rejected(body).reason()).isEqualTo(reason);
    }

    @Test
    void summariesNameOnlyKnownFieldsAndNeverValues() {
        Rejection r = rejected("{\"ip\": \"203.0.113.77\", \"203.0.113.78\": 1, \"device_id\": \"555-55-5555\"}");

        assertThat(r.summary()).isEqualTo("69 chars, JSON object with fields device_id, ip and 1 other key");
        assertThat(r.reason() + r.summary()).doesNotContain("203.0.113").doesNotContain("555-55");
    }

    @Test
    void aValueTooLongForTheMaskSchemeIsARejectionNotAnError() {
        LoginParser siv = new LoginParser(SivMasker.MAX_INPUT_BYTES);
        String fits = Messages.login("u-1", "10.0.0.1", "d".repeat(167));
        String tooLong = Messages.login("u-1", "10.0.0.1", "d".repeat(168));

        assertThat(siv.parse(Messages.of(fits))).isInstanceOf(ParseResult.Parsed.class);
        ParseResult r = siv.parse(Messages.of(tooLong));
        assertThat(r).isInstanceOf(ParseResult.Rejected.class);
        assertThat(((ParseResult.Rejected) r).rejection().reason()).isEqualTo("field 'device_id' has 168 bytes in "
                + "UTF-8, more than the 167 the configured mask scheme can hold");
        assertThat(parsed(tooLong).deviceId()).hasSize(168);
    }
}
