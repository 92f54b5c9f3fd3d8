package dev.drainboard.bench;

import dev.drainboard.embedded.EmbeddedPostgresServer;
import dev.drainboard.model.ExplorePage;
import dev.drainboard.model.ExploreSort;
import dev.drainboard.model.LoginFilter;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.PageRequest;
import dev.drainboard.sink.ExploreQueries;
import dev.drainboard.model.ChartKind;
import dev.drainboard.sink.Schema;
import dev.drainboard.sink.Warehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The explore benchmark: loads N synthetic rows into a throwaway PostgreSQL (generated in SQL with
 * {@code generate_series}; the masks are {@code v1:} + SHA-256 of counters, so they look like masks
 * and no raw value exists anywhere), builds the schema's indexes, then times every explore query
 * (and the Committed tab's) a number of times and reports p50 / p95.
 */
public final class ExploreBench {
    /** The dates the synthetic rows spread over. */
    public static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    public static final int DAYS = 334;
    static final int CHUNK = 500_000;

    /** One query's latencies in milliseconds. */
    public record Timing(String query, double p50, double p95, double max) {
    }

    /** What a run measured. */
    public record Result(long rows, double loadSeconds, double indexSeconds, double regroupSeconds,
                         List<Timing> timings) {
    }

    private ExploreBench() {
    }

    /** Starts a throwaway PostgreSQL, runs the benchmark on it, stops it. */
    public static Result runThrowaway(long rows, int repeat, Consumer<String> status) throws Exception {
        status.accept("Starting a throwaway PostgreSQL…");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.startThrowaway(null, 0)) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(pg.jdbcUrl());
            ds.setUser(pg.user());
            ds.setPassword(pg.password());
            return run(ds, rows, repeat, status);
        }
    }

    /** Runs on {@code ds}, whose {@code user_logins} must not exist yet or be empty. */
    public static Result run(DataSource ds, long rows, int repeat, Consumer<String> status) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS user_logins (user_id varchar(128), device_type varchar(32), "
                    + "masked_ip varchar(256), masked_device_id varchar(256), locale varchar(32), "
                    + "app_version varchar(32), create_date date)");
            try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM user_logins)")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new IllegalStateException("user_logins is not empty; the benchmark loads its own rows");
                }
            }
            load(c, rows, n -> status.accept("Loaded " + n + " of " + rows + " synthetic rows"));
        }
        double load = seconds(t0);
        status.accept("Building the indexes…");
        long t1 = System.nanoTime();
        Schema.ensure(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE user_logins");
        }
        double index = seconds(t1);
        ExploreQueries q = new ExploreQueries(ds);
        status.accept("Grouping the masks (drainboard_mask_groups)…");
        long t2 = System.nanoTime();
        q.regroup();
        double regroup = seconds(t2);
        status.accept("Timing the queries (" + repeat + " runs each)…");
        return new Result(rows, load, index, regroup, time(ds, q, repeat));
    }

    /**
     * The synthetic rows: about 8 rows per user, devices and ips mostly per user (two devices each),
     * 2 % of ips and 2.5 % of device ids from small shared pools.
     */
    public static void load(Connection c, long rows, IntConsumer progress) throws SQLException {
        long users = Math.max(1, rows / 8);
        // Every 50th row uses one of a pool of shared ips, every 40th one of a pool of shared device
        // ids; the pools are sized so that each shared value has about 25 rows from as many users.
        long sharedIps = Math.max(2, rows / 50 / 25);
        long sharedDevices = Math.max(2, rows / 40 / 25);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_logins SELECT "
                + "'u' || lpad(((i * 7919) % ?)::text, 9, '0'), "
                + "(ARRAY['android','ios','web'])[1 + (i % 3)::int], "
                + "'v1:' || encode(sha256(convert_to('bench-ip-' || CASE WHEN i % 50 = 0 THEN 'shared-' || "
                + "((i / 50) % ?)::text ELSE ((i * 7919) % ?)::text END, 'UTF8')), 'hex'), "
                + "'v1:' || encode(sha256(convert_to('bench-device-' || CASE WHEN i % 40 = 0 THEN 'shared-' || "
                + "((i / 40) % ?)::text ELSE (((i * 7919) % ?) * 2 + (i / ?) % 2)::text END, 'UTF8')), 'hex'), "
                + "(ARRAY['PH','RU','US','DE','BR','IN','JP','FR','MX','NG'])[1 + ((i * 31) % 10)::int], "
                + "(ARRAY['2.3.0','2.2.1','0.2.6','1.0.0','1.1.4','0.96','3.0.1','2.0.0','1.7.2','0.9.9','2.4.1',"
                + "'3.1.0'])[1 + ((i * 17) % 12)::int], "
                + "DATE '" + FIRST_DAY + "' + (i * " + DAYS + " / ?)::int "
                + "FROM generate_series(?::bigint, ?::bigint) i")) {
            for (long from = 0; from < rows; from += CHUNK) {
                long to = Math.min(rows, from + CHUNK) - 1;
                int i = 1;
                ps.setLong(i++, users);
                ps.setLong(i++, sharedIps);
                ps.setLong(i++, users);
                ps.setLong(i++, sharedDevices);
                ps.setLong(i++, users);
                ps.setLong(i++, users);
                ps.setLong(i++, rows);
                ps.setLong(i++, from);
                ps.setLong(i, to);
                ps.executeUpdate();
                progress.accept((int) (to + 1));
            }
        }
    }

    private static List<Timing> time(DataSource ds, ExploreQueries q, int repeat) throws SQLException {
        Warehouse w = new Warehouse(ds);
        List<String> ips = sample(ds, "masked_ip", repeat);
        List<String> devices = sample(ds, "masked_device_id", repeat);
        List<String> users = sample(ds, "user_id", repeat);
        LocalDate month = FIRST_DAY.plusDays(DAYS / 2);
        LoginFilter narrow = new LoginFilter(null, null, null, "ios", "PH", null, month, month.plusDays(29));
        ExplorePage first = q.page(LoginFilter.ALL, ExploreSort.DATE, PageRequest.first(100));
        Map<String, IntConsumer> queries = new LinkedHashMap<>();
        queries.put("live counts (Committed tab, every second)", i -> w.liveCounts());
        queries.put("latest 200 rows (Committed tab)", i -> w.latestRows(200));
        queries.put("top repeated masked_ip (Committed tab)", i -> w.topRepeated(MaskColumn.MASKED_IP, 15));
        queries.put("page 1, all rows, by date (100)", i -> q.page(LoginFilter.ALL, ExploreSort.DATE,
                PageRequest.first(100)));
        queries.put("next page, all rows, by date (100)", i -> q.page(LoginFilter.ALL, ExploreSort.DATE,
                new PageRequest(PageRequest.Direction.NEXT, first.rows().get(first.rows().size() - 1), 100)));
        queries.put("page 1, all rows, by user id (500)", i -> q.page(LoginFilter.ALL, ExploreSort.USER_ID,
                PageRequest.first(500)));
        queries.put("page 1, ios + PH + 30 days (100)", i -> q.page(narrow, ExploreSort.DATE, PageRequest.first(100)));
        queries.put("page 1, one user id", i -> q.page(LoginFilter.ALL.withUserId(users.get(i % users.size())),
                ExploreSort.DATE, PageRequest.first(100)));
        queries.put("count, all rows", i -> q.count(LoginFilter.ALL));
        queries.put("count, ios + PH + 30 days", i -> q.count(narrow));
        queries.put("follow a masked ip (summary + page)", i -> {
            String m = ips.get(i % ips.size());
            q.follow(MaskColumn.MASKED_IP, m);
            q.page(LoginFilter.ofMask(MaskColumn.MASKED_IP, m), ExploreSort.DATE, PageRequest.first(100));
        });
        queries.put("follow a masked device id (summary + page)", i -> {
            String m = devices.get(i % devices.size());
            q.follow(MaskColumn.MASKED_DEVICE_ID, m);
            q.page(LoginFilter.ofMask(MaskColumn.MASKED_DEVICE_ID, m), ExploreSort.DATE, PageRequest.first(100));
        });
        queries.put("every mask of a user id", i -> q.masksOf(users.get(i % users.size())));
        queries.put("shared device ids (top 200)", i -> q.shared(MaskColumn.MASKED_DEVICE_ID, 200));
        queries.put("shared ips (top 200)", i -> q.shared(MaskColumn.MASKED_IP, 200));
        queries.put("chart: logins per day by device type", i -> q.chart(ChartKind.PER_DAY_BY_DEVICE, LoginFilter.ALL, 10));
        queries.put("chart: rows by locale (top 10)", i -> q.chart(ChartKind.BY_LOCALE, LoginFilter.ALL, 10));
        queries.put("chart: rows by app version (top 10)", i -> q.chart(ChartKind.BY_APP_VERSION, LoginFilter.ALL, 10));
        queries.put("chart: users per device id", i -> q.chart(ChartKind.USERS_PER_DEVICE, LoginFilter.ALL, 10));
        queries.put("chart: per day, ios + PH + 30 days", i -> q.chart(ChartKind.PER_DAY_BY_DEVICE, narrow, 10));
        List<Timing> out = new ArrayList<>();
        for (Map.Entry<String, IntConsumer> e : queries.entrySet()) {
            for (int i = 0; i < 3; i++) {
                e.getValue().accept(i);
            }
            double[] ms = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long t = System.nanoTime();
                e.getValue().accept(i);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            out.add(new Timing(e.getKey(), percentile(ms, 50), percentile(ms, 95), ms[ms.length - 1]));
        }
        return out;
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static List<String> sample(DataSource ds, String col, int n) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + col
                + " FROM user_logins TABLESAMPLE SYSTEM (1) REPEATABLE (7) LIMIT ?")) {
            ps.setInt(1, Math.max(1, n));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no rows to sample");
        }
        return out;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

}
