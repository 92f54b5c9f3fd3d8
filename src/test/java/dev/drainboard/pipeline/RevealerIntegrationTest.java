package dev.drainboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.Unmasked;
import dev.drainboard.sink.PostgresLoginSink;
import dev.drainboard.sink.RevealStore;
import dev.drainboard.sink.RevealStore.RevealRecord;
import dev.drainboard.support.Db;
import dev.drainboard.support.TestKeys;
import dev.drainboard.support.TestKeysets;
import dev.drainboard.support.TestServers;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.Masker;
import dev.drainboard.transform.SivMasker;
import dev.drainboard.transform.Unmasker;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Revealing against a real PostgreSQL: audit rows, the mixed v1/v2 table, rotation, no keyset. */
class RevealerIntegrationTest {
    private final Masker v1 = new HmacMasker(TestKeys.BYTES);
    private final Masker v2old = new SivMasker(TestKeysets.handle(TestKeysets.ONE));
    private final Masker v2new = new SivMasker(TestKeysets.handle(TestKeysets.ROTATED));
    private String jdbc;
    private PostgresLoginSink sink;
    private RevealStore store;
    private Revealer revealer;

    @BeforeEach
    void open() {
        jdbc = TestServers.freshDatabase();
        sink = PostgresLoginSink.open(jdbc, "postgres", "postgres", 2);
        store = new RevealStore(sink.dataSource());
        revealer = Revealer.withKeyset(store, new Unmasker(TestKeysets.handle(TestKeysets.ROTATED)));
        // alice: one HMAC row from before the switch, one SIV row from before and one after the rotation
        insert("alice", v1, "10.0.0.1", "dev-a");
        insert("alice", v2old, "10.0.0.1", "dev-a");
        insert("alice", v2new, "10.0.0.2", "dev-a");
        insert("bob", v2old, "10.0.0.1", "dev-b");
    }

    @AfterEach
    void close() {
        sink.close();
    }

    private void insert(String user, Masker m, String ip, String device) {
        Db.execute(jdbc, "INSERT INTO user_logins VALUES ('" + user + "', 'ios', '" + m.mask("ip", ip) + "', '"
                + m.mask("device_id", device) + "', 'en', '2.3.0', DATE '2024-03-01')");
    }

    @Test
    void aRevealByMaskShowsOnlyTheRowsWithThatMaskAndOnlyThatColumn() {
        String mask = v2old.mask("ip", "10.0.0.1");

        Reveal r = revealer.reveal(MaskColumn.MASKED_IP, mask, "  fraud case F-17  ");

        assertThat(r.rows()).extracting(RevealedRow::userId).containsExactlyInAnyOrder("alice", "bob");
        assertThat(r.rows()).allSatisfy(row -> {
            assertThat(row.ip()).isEqualTo(Unmasked.revealed("10.0.0.1"));
            assertThat(row.deviceId()).isNull();
            assertThat(row.maskedDeviceId()).startsWith("v2:");
        });
        assertThat(r.revealedCount()).isEqualTo(2);
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void everyRevealWritesItsAuditRowWithUserLookupCountAndReason() {
        String mask = v2old.mask("device_id", "dev-b");

        String userName = System.getProperty("user.name");
        System.setProperty("user.name", "mallory-not-me"); // anyone can pass -Duser.name
        try {
            revealer.reveal(MaskColumn.MASKED_DEVICE_ID, mask, "DSR-1");
        } finally {
            System.setProperty("user.name", userName);
        }
        revealer.revealUser("alice", "DSR-2");
        revealer.revealUser("nobody", "DSR-3");
        List<RevealRecord> audit = store.recent(10);

        assertThat(audit).hasSize(3);
        RevealRecord byMask = audit.get(2);
        assertThat(byMask.osUser()).isEqualTo(OsUserTest.idUn());
        assertThat(byMask.lookup()).isEqualTo(RevealStore.Lookup.MASKED_DEVICE_ID);
        assertThat(byMask.lookupValue()).isEqualTo(mask);
        assertThat(byMask.rowCount()).isEqualTo(1);
        assertThat(byMask.reason()).isEqualTo("DSR-1");
        assertThat(audit.get(1)).extracting(RevealRecord::lookup, RevealRecord::lookupValue, RevealRecord::rowCount)
                .containsExactly(RevealStore.Lookup.USER_ID, "alice", 3);
        assertThat(audit.get(0).rowCount()).isZero();
        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_reveals WHERE revealed_at > now() - interval "
                + "'1 minute'")).isEqualTo(3);
    }

    @Test
    void aMixedTableRevealsV2RowsFromEveryKeyAndReportsV1RowsAsNotRecoverable() {
        Reveal r = revealer.revealUser("alice", "DSR-2");

        assertThat(r.rows()).hasSize(3);
        assertThat(r.rows()).extracting(row -> row.ip().display()).contains("10.0.0.1", "10.0.0.2");
        RevealedRow hmacRow = r.rows().stream().filter(row -> row.maskedIp().startsWith("v1:")).findFirst()
                .orElseThrow();
        assertThat(hmacRow.ip().outcome()).isEqualTo(Unmasked.Outcome.ONE_WAY);
        assertThat(hmacRow.deviceId().outcome()).isEqualTo(Unmasked.Outcome.ONE_WAY);
        assertThat(hmacRow.ip().value()).isNull();
        assertThat(r.revealedCount()).isEqualTo(4);
        assertThat(r.notRecoverableCount()).isEqualTo(2);
    }

    @Test
    void theKeysetBeforeTheRotationCannotRevealRowsMaskedAfterIt() {
        Revealer old = Revealer.withKeyset(store, new Unmasker(TestKeysets.handle(TestKeysets.ONE)));

        Reveal r = old.reveal(MaskColumn.MASKED_IP, v2new.mask("ip", "10.0.0.2"), "DSR-4");

        assertThat(r.rows()).singleElement().satisfies(row -> {
            assertThat(row.ip().outcome()).isEqualTo(Unmasked.Outcome.KEY_NOT_IN_KEYSET);
            assertThat(row.ip().explanation()).contains("98f3bffa");
        });
    }

    @Test
    void withoutAKeysetNothingIsRevealedAndNothingIsAudited() {
        Revealer none = Revealer.unavailable(store, "No SIV keyset: ... does not exist");

        assertThat(none.canReveal()).isFalse();
        assertThatThrownBy(() -> none.revealUser("alice", "DSR-5")).isInstanceOf(RevealUnavailableException.class)
                .hasMessage("No SIV keyset: ... does not exist");
        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_reveals")).isZero();
    }

    @Test
    void aBlankReasonIsRefusedBeforeAnythingIsRead() {
        String mask = v2old.mask("ip", "10.0.0.1");

        assertThatThrownBy(() -> revealer.reveal(MaskColumn.MASKED_IP, mask, "   "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a reason is required");
        assertThatThrownBy(() -> revealer.revealUser("alice", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_reveals")).isZero();
    }

    @Test
    void theAuditStoresWhatWasAskedButNeverARevealedValue() {
        revealer.revealUser("alice", "DSR-6");
        revealer.reveal(MaskColumn.MASKED_IP, v2new.mask("ip", "10.0.0.2"), "DSR-7");

        assertThat(Db.allText(jdbc)).noneMatch(v -> v.contains("10.0.0.") || v.contains("dev-a"));
    }

    @Test
    void theAuditTableIsPartOfTheIdempotentSchema() throws Exception {
        dev.drainboard.sink.Schema.ensure(sink.dataSource());
        revealer.revealUser("bob", "DSR-8");
        dev.drainboard.sink.Schema.ensure(sink.dataSource());

        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_reveals")).isEqualTo(1);
        assertThatThrownBy(() -> Db.execute(jdbc, "INSERT INTO drainboard_reveals (os_user, lookup, lookup_value, "
                + "row_count, reason) VALUES ('x', 'user_id', 'bob', 1, '  ')")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRevealOfAVeryCommonMaskStopsAtTheRowLimitAndSaysSo() {
        String mask = v2old.mask("ip", "10.0.0.99");
        Db.execute(jdbc, "INSERT INTO user_logins SELECT 'u' || g, 'ios', '" + mask + "', NULL, 'en', '2.3.0', "
                + "DATE '2024-03-01' FROM generate_series(1, " + (RevealStore.MAX_ROWS + 1) + ") g");

        Reveal r = revealer.reveal(MaskColumn.MASKED_IP, mask, "DSR-9");

        assertThat(r.rows()).hasSize(RevealStore.MAX_ROWS);
        assertThat(r.truncated()).isTrue();
        assertThat(store.recent(1).get(0).rowCount()).isEqualTo(RevealStore.MAX_ROWS);
    }
}
