package dev.drainboard.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.ChartKind;
import dev.drainboard.model.ChartSeries;
import dev.drainboard.model.ExplorePage;
import dev.drainboard.model.ExploreRow;
import dev.drainboard.model.ExploreSort;
import dev.drainboard.model.LoginFilter;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskSummary;
import dev.drainboard.model.PageRequest;
import dev.drainboard.model.SharedMasks;
import dev.drainboard.model.StoredLogin;
import dev.drainboard.support.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Every explore query against real PostgreSQL, on a seeded table whose sharing is known, each
 * answer compared with an independent SQL computation.
 */
class ExploreQueriesTest {
    private static String url;
    private static ExploreQueries q;

    @BeforeAll
    static void seed() throws SQLException {
        url = TestServers.freshDatabase();
        PGSimpleDataSource ds = dataSource(url);
        Schema.ensure(ds);
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
            // 900 rows: user u000..u089, 10 rows each. Each user has its own device and ip, except that
            // device 'v1:dev-shared-a' is used by u000..u004 (5 users) and 'v1:dev-shared-b' by u010, u011;
            // ip 'v1:ip-shared' is used by u020..u022 (3 users).
            s.execute("INSERT INTO user_logins SELECT 'u' || lpad((i / 10)::text, 3, '0'), "
                    + "(ARRAY['android','ios','web'])[1 + i % 3], "
                    + "CASE WHEN i / 10 BETWEEN 20 AND 22 AND i % 10 = 0 THEN 'v1:ip-shared' "
                    + "     ELSE 'v1:ip-' || (i / 10) END, "
                    + "CASE WHEN i / 10 < 5 AND i % 10 < 2 THEN 'v1:dev-shared-a' "
                    + "     WHEN i / 10 IN (10, 11) AND i % 10 = 5 THEN 'v1:dev-shared-b' "
                    + "     ELSE 'v1:dev-' || (i / 10) END, "
                    + "(ARRAY['PH','RU','US','DE'])[1 + (i * 7) % 4], (ARRAY['2.3.0','0.96','1.0.0'])[1 + (i * 5) % 3], "
                    + "DATE '2026-11-01' + (i % 30) FROM generate_series(0, 899) i");
            s.execute("ANALYZE user_logins");
        }
        q = new ExploreQueries(ds);
    }

    static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        ds.setPassword("postgres");
        return ds;
    }

    @Test
    void pagingForwardThenBackVisitsEveryMatchingRowOnceInOrder() {
        LoginFilter f = new LoginFilter(null, null, null, "ios", null, null, LocalDate.of(2026, 11, 5),
                LocalDate.of(2026, 11, 20));
        for (ExploreSort sort : ExploreSort.values()) {
            List<List<ExploreRow>> pages = new ArrayList<>();
            ExplorePage p = q.page(f, sort, PageRequest.first(50));
            pages.add(p.rows());
            while (p.hasNext()) {
                p = q.page(f, sort, new PageRequest(PageRequest.Direction.NEXT, last(p), 50));
                pages.add(p.rows());
            }
            List<StoredLogin> all = pages.stream().flatMap(List::stream).map(ExploreRow::login)
                    .collect(Collectors.toList());
            String order = sort == ExploreSort.DATE ? "create_date DESC, user_id DESC, ctid DESC"
                    : "user_id, create_date, ctid";
            assertThat(all).containsExactlyElementsOf(rows("SELECT * FROM user_logins WHERE device_type = 'ios' AND "
                    + "create_date BETWEEN '2026-11-05' AND '2026-11-20' ORDER BY " + order));
            // back from the last page to the first, page by page
            for (int i = pages.size() - 2; i >= 0; i--) {
                p = q.page(f, sort, new PageRequest(PageRequest.Direction.PREVIOUS, p.rows().get(0), 50));
                assertThat(p.rows()).isEqualTo(pages.get(i));
            }
            assertThat(p.hasPrevious()).isFalse();
        }
    }

    @Test
    void aPageAfterADeletedAnchorStartsRightAfterIt() throws SQLException {
        String dbUrl = TestServers.freshDatabase();
        PGSimpleDataSource ds = dataSource(dbUrl);
        Schema.ensure(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO user_logins SELECT 'u' || lpad(i::text, 4, '0'), 'ios', 'v1:i', 'v1:d', 'PH', '1', "
                    + "DATE '2026-11-01' + (i % 3) FROM generate_series(1, 200) i");
        }
        ExploreQueries mine = new ExploreQueries(ds);
        ExplorePage first = mine.page(LoginFilter.ALL, ExploreSort.USER_ID, PageRequest.first(50));
        ExplorePage expected = mine.page(LoginFilter.ALL, ExploreSort.USER_ID,
                new PageRequest(PageRequest.Direction.NEXT, last(first), 50));
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM user_logins WHERE user_id IN ('" + last(first).login().userId() + "', '"
                    + expected.rows().get(0).login().userId() + "')");
        }
        ExplorePage after = mine.page(LoginFilter.ALL, ExploreSort.USER_ID,
                new PageRequest(PageRequest.Direction.NEXT, last(first), 50));
        assertThat(after.rows().get(0).login()).isEqualTo(expected.rows().get(1).login());
        assertThat(after.rows()).hasSize(50);
    }

    @Test
    void rowsWithANullKeyAreNotPagedAndNeverBecomeAnAnchor() throws SQLException {
        String dbUrl = TestServers.freshDatabase();
        PGSimpleDataSource ds = dataSource(dbUrl);
        Schema.ensure(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // every third row has no create date, every fifth no user id
            s.execute("INSERT INTO user_logins SELECT CASE WHEN i % 5 = 0 THEN NULL ELSE 'u' || lpad(i::text, 4, '0') "
                    + "END, 'ios', 'v1:i', 'v1:d', 'PH', '1', CASE WHEN i % 3 = 0 THEN NULL ELSE DATE '2026-11-01' "
                    + "+ (i % 7) END FROM generate_series(1, 600) i");
        }
        ExploreQueries mine = new ExploreQueries(ds);
        for (ExploreSort sort : ExploreSort.values()) {
            List<StoredLogin> seen = new ArrayList<>();
            ExplorePage p = mine.page(LoginFilter.ALL, sort, PageRequest.first(50));
            seen.addAll(p.rows().stream().map(ExploreRow::login).toList());
            while (p.hasNext()) {
                p = mine.page(LoginFilter.ALL, sort, new PageRequest(PageRequest.Direction.NEXT, last(p), 50));
                seen.addAll(p.rows().stream().map(ExploreRow::login).toList());
            }
            assertThat(seen).as("sorted by %s", sort).hasSize(320)
                    .allMatch(l -> l.userId() != null && l.createDate() != null);
        }
    }

    @Test
    void countsAreExactWhileSmall() {
        LoginFilter f = new LoginFilter(null, null, null, "ios", "PH", null, null, null);
        assertThat(q.count(f).exact()).isTrue();
        assertThat(q.count(f).value()).isEqualTo(count("SELECT count(*) FROM user_logins WHERE device_type = 'ios' "
                + "AND locale = 'PH'"));
        assertThat(q.count(LoginFilter.ALL).value()).isEqualTo(900);
    }

    @Test
    void followingAMaskShowsItsUsersAndDates() {
        MaskSummary a = q.follow(MaskColumn.MASKED_DEVICE_ID, "v1:dev-shared-a");
        assertThat(a.users()).isEqualTo(5).isEqualTo(count("SELECT count(DISTINCT user_id) FROM user_logins WHERE "
                + "masked_device_id = 'v1:dev-shared-a'"));
        assertThat(a.rows()).isEqualTo(10);
        assertThat(a.first().toString()).isEqualTo(text("SELECT min(create_date) FROM user_logins WHERE "
                + "masked_device_id = 'v1:dev-shared-a'"));
        assertThat(a.last().toString()).isEqualTo(text("SELECT max(create_date) FROM user_logins WHERE "
                + "masked_device_id = 'v1:dev-shared-a'"));
        MaskSummary ip = q.follow(MaskColumn.MASKED_IP, "v1:ip-shared");
        assertThat(ip.users()).isEqualTo(3);
    }

    @Test
    void theMasksOfAUserIncludeTheSharedOnesWithTheirUsers() {
        List<MaskSummary> masks = q.masksOf("u001");
        Map<String, Long> users = masks.stream().collect(Collectors.toMap(MaskSummary::mask, MaskSummary::users));
        assertThat(users).containsOnlyKeys("v1:ip-1", "v1:dev-1", "v1:dev-shared-a");
        assertThat(users.get("v1:dev-shared-a")).isEqualTo(5);
        assertThat(users.get("v1:dev-1")).isEqualTo(1);
        assertThat(masks.stream().filter(m -> m.mask().equals("v1:dev-1")).findFirst().orElseThrow().rows())
                .isEqualTo(8);
    }

    @Test
    void sharedMasksEqualAGroupingBySql() {
        SharedMasks devices = q.shared(MaskColumn.MASKED_DEVICE_ID, 100);
        assertThat(devices.masks()).extracting(MaskSummary::mask, MaskSummary::users, MaskSummary::rows)
                .containsExactlyElementsOf(triples("SELECT masked_device_id, count(DISTINCT user_id), count(*) FROM "
                        + "user_logins GROUP BY 1 HAVING count(DISTINCT user_id) >= 2 ORDER BY 2 DESC, 3 DESC, 1"));
        assertThat(devices.masks()).extracting(MaskSummary::mask).containsExactly("v1:dev-shared-a", "v1:dev-shared-b");
        assertThat(q.shared(MaskColumn.MASKED_IP, 100).masks()).extracting(MaskSummary::mask)
                .containsExactly("v1:ip-shared");
        ExploreQueries stored = new ExploreQueries(dataSource(url), 0);
        assertThat(stored.shared(MaskColumn.MASKED_DEVICE_ID, 100).masks()).isEqualTo(devices.masks());
    }

    @Test
    void chartsEqualGroupingsBySql() {
        LoginFilter f = new LoginFilter(null, null, null, null, "PH", null, null, null);
        ChartSeries perDay = q.chart(ChartKind.PER_DAY_BY_DEVICE, f, 10);
        assertThat(perDay.sampled()).isFalse();
        assertThat(perDay.points()).extracting(p -> p.category() + "/" + p.series() + "=" + p.count())
                .containsExactlyElementsOf(strings("SELECT create_date || '/' || device_type || '=' || count(*) FROM "
                        + "user_logins WHERE locale = 'PH' GROUP BY create_date, device_type ORDER BY create_date, "
                        + "device_type"));
        ChartSeries versions = q.chart(ChartKind.BY_APP_VERSION, LoginFilter.ALL, 2);
        assertThat(versions.points()).extracting(p -> p.category() + "=" + p.count())
                .containsExactlyElementsOf(strings("SELECT app_version || '=' || count(*) FROM user_logins GROUP BY "
                        + "app_version ORDER BY count(*) DESC, app_version LIMIT 2"));
        ChartSeries perDevice = q.chart(ChartKind.USERS_PER_DEVICE, LoginFilter.ALL, 10);
        assertThat(perDevice.points()).extracting(p -> p.category() + "=" + p.count())
                .containsExactlyElementsOf(strings("SELECT users || '=' || count(*) FROM (SELECT masked_device_id, "
                        + "count(DISTINCT user_id) users FROM user_logins GROUP BY 1) g WHERE users >= 2 GROUP BY users ORDER BY "
                        + "users"));
        assertThat(perDevice.points()).extracting(p -> p.category()).containsExactly("2", "5");
    }

    @Test
    void exportStreamsEveryMatchingRowAndStopsWhenAsked() {
        LoginFilter f = LoginFilter.ofMask(MaskColumn.MASKED_DEVICE_ID, "v1:dev-shared-a");
        List<StoredLogin> got = new ArrayList<>();
        long n = q.forEach(f, ExploreSort.DATE, r -> got.add(r));
        assertThat(n).isEqualTo(10);
        assertThat(got).containsExactlyElementsOf(rows("SELECT * FROM user_logins WHERE masked_device_id = "
                + "'v1:dev-shared-a' ORDER BY create_date DESC, user_id DESC, ctid DESC"));
        List<StoredLogin> three = new ArrayList<>();
        q.forEach(LoginFilter.ALL, ExploreSort.USER_ID, r -> three.add(r) && three.size() < 3);
        assertThat(three).hasSize(3);
    }

    static ExploreRow last(ExplorePage p) {
        return p.rows().get(p.rows().size() - 1);
    }

    static List<StoredLogin> rows(String sql) {
        List<StoredLogin> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new StoredLogin(rs.getString("user_id"), rs.getString("device_type"),
                        rs.getString("masked_ip"), rs.getString("masked_device_id"), rs.getString("locale"),
                        rs.getString("app_version"), rs.getDate("create_date").toLocalDate()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return out;
    }

    static List<String> strings(String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return out;
    }

    static List<org.assertj.core.groups.Tuple> triples(String sql) {
        List<org.assertj.core.groups.Tuple> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(org.assertj.core.groups.Tuple.tuple(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return out;
    }

    static long count(String sql) {
        return Long.parseLong(text(sql));
    }

    static String text(String sql) {
        List<String> s = strings(sql);
        return s.isEmpty() ? null : s.get(0);
    }

}
