package dev.drainboard.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.bench.ExploreBench;
import dev.drainboard.model.ChartKind;
import dev.drainboard.model.ExplorePage;
import dev.drainboard.model.ExploreSort;
import dev.drainboard.model.LoginFilter;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.PageRequest;
import dev.drainboard.support.TestServers;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * At 120,000 synthetic rows (the explore benchmark's data), every explore query reaches
 * {@code user_logins} through an index, never a sequential scan: measured by PostgreSQL's own
 * per-transaction scan counters ({@code pg_stat_xact_user_tables}) around each call, which
 * see what the query really did, not what its plan might have been.
 */
class ExploreIndexUseTest {
    private static final long ROWS = 120_000;
    private static Connection shared;
    private static DataSource one;

    @BeforeAll
    static void load() throws SQLException {
        String url = TestServers.freshDatabase();
        PGSimpleDataSource ds = ExploreQueriesTest.dataSource(url);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE user_logins (user_id varchar(128), device_type varchar(32), masked_ip varchar(256),"
                    + " masked_device_id varchar(256), locale varchar(32), app_version varchar(32), create_date date)");
            ExploreBench.load(c, ROWS, n -> { });
        }
        Schema.ensure(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE user_logins");
        }
        new ExploreQueries(ds).regroup();
        shared = ds.getConnection();
        shared.setAutoCommit(false);
        one = sameConnection(shared);
    }

    @AfterAll
    static void close() throws SQLException {
        shared.rollback();
        shared.close();
    }

    @Test
    void pagesUseAnIndex() throws SQLException {
        ExploreQueries q = new ExploreQueries(one, 0);
        ExplorePage first = indexOnly("first page by date", () -> q.page(LoginFilter.ALL, ExploreSort.DATE,
                PageRequest.first(100)));
        indexOnly("next page by date", () -> q.page(LoginFilter.ALL, ExploreSort.DATE,
                new PageRequest(PageRequest.Direction.NEXT, ExploreQueriesTest.last(first), 100)));
        ExplorePage byUser = indexOnly("first page by user id", () -> q.page(LoginFilter.ALL, ExploreSort.USER_ID,
                PageRequest.first(500)));
        ExplorePage second = indexOnly("next page by user id", () -> q.page(LoginFilter.ALL, ExploreSort.USER_ID,
                new PageRequest(PageRequest.Direction.NEXT, ExploreQueriesTest.last(byUser), 500)));
        indexOnly("previous page by user id", () -> q.page(LoginFilter.ALL, ExploreSort.USER_ID,
                new PageRequest(PageRequest.Direction.PREVIOUS, second.rows().get(0), 500)));
        String user = first.rows().get(0).login().userId();
        String ip = first.rows().get(3).login().maskedIp();
        String device = first.rows().get(5).login().maskedDeviceId();
        LocalDate day = first.rows().get(0).login().createDate();
        for (LoginFilter f : new LoginFilter[] {LoginFilter.ALL.withUserId(user), LoginFilter.ofMask(MaskColumn.MASKED_IP,
                ip), LoginFilter.ofMask(MaskColumn.MASKED_DEVICE_ID, device),
                new LoginFilter(null, null, null, "ios", "PH", null, day.minusDays(30), day),
                new LoginFilter(null, null, null, null, null, "0.96", null, null),
                new LoginFilter(null, null, null, "android", null, null, day.minusDays(10), day.minusDays(5))}) {
            for (ExploreSort sort : ExploreSort.values()) {
                indexOnly("page of " + f.sentence() + " by " + sort, () -> q.page(f, sort, PageRequest.first(100)));
            }
            indexOnly("count of " + f.sentence(), () -> q.count(f));
        }
        assertThat(noScan("count of all rows (the statistics)", () -> q.count(LoginFilter.ALL)).exact()).isFalse();
    }

    @Test
    void followingAndSharingUseAnIndex() throws SQLException {
        ExploreQueries q = new ExploreQueries(one, 0);
        ExplorePage first = q.page(LoginFilter.ALL, ExploreSort.DATE, PageRequest.first(50));
        indexOnly("follow a masked ip", () -> q.follow(MaskColumn.MASKED_IP, first.rows().get(1).login().maskedIp()));
        indexOnly("follow a masked device id", () -> q.follow(MaskColumn.MASKED_DEVICE_ID,
                first.rows().get(1).login().maskedDeviceId()));
        indexOnly("every mask of a user", () -> q.masksOf(first.rows().get(2).login().userId()));
        assertThat(indexOnly("shared device ids", () -> q.shared(MaskColumn.MASKED_DEVICE_ID, 200)).masks())
                .isNotEmpty();
        indexOnly("shared ips", () -> q.shared(MaskColumn.MASKED_IP, 200));
        indexOnly("repeated masks from the grouping", () -> q.groupedTopRepeated(MaskColumn.MASKED_IP, 15));
        indexOnly("users per device id (grouping)", () -> q.chart(ChartKind.USERS_PER_DEVICE,
                LoginFilter.ALL, 10));
    }

    @Test
    void theCommittedTabsLiveQueriesDoNotScanTheTable() throws SQLException {
        Warehouse w = new Warehouse(one);
        assertThat(noScan("live counts", w::liveCounts).rowsEstimated()).isTrue();
        assertThat(noScan("latest rows", () -> w.latestRows(200))).hasSize(200);
    }

    interface Call<T> {
        T run() throws Exception;
    }

    /** Runs {@code call}; asserts it scanned user_logins through an index only (or not at all). */
    static <T> T indexOnly(String what, Call<T> call) throws SQLException {
        long[] before = scans();
        T out;
        try {
            out = call.run();
        } catch (Exception e) {
            throw new IllegalStateException(what, e);
        }
        long[] after = scans();
        assertThat(after[0] - before[0]).as("sequential scans of user_logins by: " + what).isZero();
        assertThat(after[1] - before[1] + after[2] - before[2]).as("index scans by: " + what).isPositive();
        return out;
    }

    static <T> T noScan(String what, Call<T> call) throws SQLException {
        long[] before = scans();
        T out;
        try {
            out = call.run();
        } catch (Exception e) {
            throw new IllegalStateException(what, e);
        }
        assertThat(scans()[0] - before[0]).as("sequential scans of user_logins by: " + what).isZero();
        return out;
    }

    /** seq_scan and idx_scan of user_logins, idx_scan of the grouping, in this transaction so far. */
    private static long[] scans() throws SQLException {
        try (Statement s = shared.createStatement(); ResultSet rs = s.executeQuery("SELECT "
                + "(SELECT COALESCE(seq_scan, 0) FROM pg_stat_xact_user_tables WHERE relname = 'user_logins'), "
                + "(SELECT COALESCE(idx_scan, 0) FROM pg_stat_xact_user_tables WHERE relname = 'user_logins'), "
                + "(SELECT COALESCE(idx_scan, 0) FROM pg_stat_xact_user_tables WHERE relname = 'drainboard_mask_groups')")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    /** A data source that always hands out {@code c}, whose close() does nothing. */
    static DataSource sameConnection(Connection c) {
        Connection kept = (Connection) Proxy.newProxyInstance(ExploreIndexUseTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, args) -> {
                    if (m.getName().equals("close")) {
                        return null;
                    }
                    if (m.getName().equals("setAutoCommit") || m.getName().equals("commit")) {
                        return null; // stay in the one transaction whose counters we read
                    }
                    try {
                        return m.invoke(c, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new DataSource() {
            @Override
            public Connection getConnection() {
                return kept;
            }

            @Override
            public Connection getConnection(String u, String p) {
                return kept;
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> iface) {
                return null;
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }
}
