package dev.drainboard.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.MaskedLogin;
import dev.drainboard.support.Messages;
import dev.drainboard.support.TestKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Equal addresses mask equally: every spelling is canonicalised before masking (IPv6 in RFC 5952
 * form, IPv4 as a plain dotted quad), leading zeros and non-addresses are rejections with a reason,
 * and an input that is already canonical keeps the v1 mask it always had.
 */
class IpCanonicalisationTest {
    private static final HmacMasker V1 = new HmacMasker(TestKeys.BYTES);

    private static ParseResult parse(String ip) {
        return new LoginParser().parse(Messages.of(Messages.login("u1", ip, "100-00-01")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.1                                 | 10.0.0.1",
        "0.0.0.0                                  | 0.0.0.0",
        "255.255.255.255                          | 255.255.255.255",
        "2001:db8::1                              | 2001:db8::1",
        "2001:DB8::1                              | 2001:db8::1",
        "2001:0db8:0000:0000:0000:0000:0000:0001  | 2001:db8::1",
        "2001:db8:0:0:0:0:0:1                     | 2001:db8::1",
        "2001:db8::0:1                            | 2001:db8::1",
        "2001:db8:0:0:1:0:0:1                     | 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1                     | 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1                       | 2001:0:0:1::1",
        "::1                                      | ::1",
        "0:0:0:0:0:0:0:1                          | ::1",
        "::                                       | ::",
        "1::                                      | 1::",
        "FE80::1%eth0                             | fe80::1%eth0",
        "::ffff:192.0.2.1                         | ::ffff:192.0.2.1",
        "::FFFF:c000:0201                         | ::ffff:192.0.2.1",
        "0:0:0:0:0:ffff:192.0.2.1                 | ::ffff:192.0.2.1",
        "64:ff9b::192.0.2.1                       | 64:ff9b::c000:201",
    })
    void everySpellingOfAnAddressIsMaskedAsItsCanonicalForm(String spelling, String canonical) {
        ParseResult r = parse(spelling);

        assertThat(r).isInstanceOf(ParseResult.Parsed.class);
        MaskedLogin m = V1.apply(((ParseResult.Parsed) r).event());
        // the pinned v1 format over the canonical text: a canonical input keeps its mask
        assertThat(m.maskedIp()).isEqualTo(V1.mask("ip", canonical));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "010.0.0.1        | leading zero",
        "10.0.0.01        | leading zero",
        "00.0.0.0         | leading zero",
        "256.0.0.1        | not an IPv4 or IPv6 address",
        "1.2.3            | not an IPv4 or IPv6 address",
        "1.2.3.4.5        | not an IPv4 or IPv6 address",
        "1.2.3.-4         | not an IPv4 or IPv6 address",
        "a:b              | not an IPv4 or IPv6 address",
        "1:2:3:4:5:6:7    | not an IPv4 or IPv6 address",
        "1:2:3:4:5:6:7:8:9 | not an IPv4 or IPv6 address",
        "1::2::3          | not an IPv4 or IPv6 address",
        ":::1             | not an IPv4 or IPv6 address",
        "12345::1         | not an IPv4 or IPv6 address",
        "g::1             | not an IPv4 or IPv6 address",
        "::ffff:010.0.0.1 | not an IPv4 or IPv6 address",
        "1.2.3.4::        | not an IPv4 or IPv6 address",
        "１.2.3.4         | not an IPv4 or IPv6 address",
        "localhost        | not an IPv4 or IPv6 address",
    })
    void whatIsNotACanonicalisableAddressIsARejectionWithAReason(String spelling, String reason) {
        ParseResult r = parse(spelling);

        assertThat(r).isInstanceOf(ParseResult.Rejected.class);
        assertThat(((ParseResult.Rejected) r).rejection().reason()).startsWith("field 'ip' ").contains(reason);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "2001:DB8::1      | 2001:db8::1",
        "2001:db8:0::1    | 2001:db8::1",
        "::ffff:c000:201  | ::ffff:192.0.2.1",
    })
    void equalAddressesGetEqualMasks(String a, String b) {
        String ma = V1.apply(((ParseResult.Parsed) parse(a)).event()).maskedIp();
        String mb = V1.apply(((ParseResult.Parsed) parse(b)).event()).maskedIp();

        assertThat(ma).isEqualTo(mb).startsWith(HmacMasker.PREFIX);
    }
}
