package dev.drainboard.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskSummary;
import dev.drainboard.support.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stored mask grouping ({@code drainboard_mask_groups}) against real PostgreSQL: regroups
 * that run at the same time, and the shared-masks export that reads it page by page.
 */
class MaskGroupingTest {

    /** A fresh database with the schema and {@code users(k)} user ids on shared device k, 0 <= k < masks. */
    private static String seeded(int masks) throws SQLException {
        String url = TestServers.freshDatabase();
        Schema.ensure(ExploreQueriesTest.dataSource(url));
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
            // device k is used by 2 + k % 3 user ids, each on 1 + k % 2 rows: many ties in (users, rows),
            // so the pages' keyset has to break them on the mask; every ip is a user's own
            s.execute("INSERT INTO user_logins SELECT 'u' || k || '-' || j, 'ios', 'v1:ip-' || k || '-' || j, "
                    + "'v1:dev-' || lpad(k::text, 5, '0'), 'PH', '2.3.0', DATE '2026-11-01' + r "
                    + "FROM generate_series(0, " + (masks - 1) + ") k, generate_series(0, 1 + k % 3) j, "
                    + "generate_series(0, k % 2) r");
            s.execute("ANALYZE user_logins");
        }
        return url;
    }

    @Test
    void twoRegroupsAtOnceBothCompleteAndLeaveOneCorrectGrouping() throws Exception {
        String url = seeded(30);
        ExploreQueries q = new ExploreQueries(ExploreQueriesTest.dataSource(url), 0);
        q.regroup(); // a grouping exists, as after the first Regroup of a session
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            Db.execute(c, "INSERT INTO user_logins VALUES ('late', 'web', 'v1:ip-late', 'v1:dev-00000', 'RU', "
                    + "'1.0.0', DATE '2026-12-01')");
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Long> groups;
        try (Connection holder = DriverManager.getConnection(url, "postgres", "postgres")) {
            // Holding the run table makes both regroups overlap for certain: the first one stops at its
            // last statement with its grouping written but not committed, the second starts meanwhile.
            holder.setAutoCommit(false);
            Db.execute(holder, "LOCK TABLE drainboard_mask_groups_run IN SHARE MODE");
            Future<Long> a = two.submit(q::regroup);
            Future<Long> b = two.submit(q::regroup);
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingOnALock(url) == 2);
            holder.commit();
            groups = List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
        } finally {
            two.shutdownNow();
        }
        assertThat(strings(url, "SELECT mask_column || ' ' || mask || ' ' || users || ' ' || row_count FROM "
                + "drainboard_mask_groups ORDER BY 1")).containsExactlyElementsOf(strings(url, "SELECT * FROM ("
                + "SELECT 'masked_device_id ' || masked_device_id || ' ' || count(DISTINCT user_id) || ' ' || count(*) "
                + "FROM user_logins GROUP BY masked_device_id HAVING count(*) > 1 UNION ALL "
                + "SELECT 'masked_ip ' || masked_ip || ' ' || count(DISTINCT user_id) || ' ' || count(*) "
                + "FROM user_logins GROUP BY masked_ip HAVING count(*) > 1) g ORDER BY 1"));
        long stored = Long.parseLong(strings(url, "SELECT count(*) FROM drainboard_mask_groups").get(0));
        assertThat(groups).containsExactly(stored, stored);
        assertThat(strings(url, "SELECT table_rows FROM drainboard_mask_groups_run")).containsExactly(
                strings(url, "SELECT count(*) FROM user_logins").get(0));
    }

    @Test
    void theSharedExportReadsKeysetPagesAndHandsOverEveryMaskOnceInTheListsOrder() throws Exception {
        String url = seeded(10);
        new ExploreQueries(ExploreQueriesTest.dataSource(url), 0).regroup();
        List<MaskSummary> listed = new ExploreQueries(ExploreQueriesTest.dataSource(url), 0)
                .shared(MaskColumn.MASKED_DEVICE_ID, 100).masks();
        assertThat(listed).hasSize(10);
        try (Connection one = DriverManager.getConnection(url, "postgres", "postgres")) {
            one.setAutoCommit(false); // one transaction, so its scan counters count the export's queries
            ExploreQueries q = new ExploreQueries(ExploreIndexUseTest.sameConnection(one), 0);
            for (int page : new int[] {3, 5, 10, 1000}) {
                long before = groupingScans(one);
                List<MaskSummary> got = new ArrayList<>();
                long n = q.forEachShared(MaskColumn.MASKED_DEVICE_ID, page, got::add);
                assertThat(n).isEqualTo(10);
                assertThat(got).as("pages of " + page).containsExactlyElementsOf(listed);
                // a page query per full page, and one that comes back short: never the whole list at once
                assertThat(groupingScans(one) - before).as("queries for pages of " + page).isEqualTo(10 / page + 1);
            }
            List<MaskSummary> four = new ArrayList<>();
            assertThat(q.forEachShared(MaskColumn.MASKED_DEVICE_ID, 3, m -> four.add(m) && four.size() < 4))
                    .isEqualTo(4);
            assertThat(four).containsExactlyElementsOf(listed.subList(0, 4));
            one.rollback();
        }
    }

    /** Scans (sequential or index) of the grouping table in {@code c}'s transaction so far. */
    private static long groupingScans(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(seq_scan, 0) + "
                + "COALESCE(idx_scan, 0) FROM pg_stat_xact_user_tables WHERE relname = 'drainboard_mask_groups'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static long waitingOnALock(String url) throws SQLException {
        return Long.parseLong(strings(url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'").get(0));
    }

    private static List<String> strings(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Statements on a given connection. */
    private static final class Db {
        static void execute(Connection c, String sql) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
