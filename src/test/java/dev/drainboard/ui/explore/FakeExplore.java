package dev.drainboard.ui.explore;

import dev.drainboard.app.Explore;
import dev.drainboard.model.ChartKind;
import dev.drainboard.model.ChartSeries;
import dev.drainboard.model.ExplorePage;
import dev.drainboard.model.ExploreRow;
import dev.drainboard.model.ExploreSort;
import dev.drainboard.model.LoginFilter;
import dev.drainboard.model.LoginFilter.RowCount;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskSummary;
import dev.drainboard.model.PageRequest;
import dev.drainboard.model.SharedMasks;
import dev.drainboard.model.StoredLogin;
import dev.drainboard.sink.ExploreQueries.MaskHandler;
import dev.drainboard.sink.ExploreQueries.RowHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An in-memory {@code user_logins} with the keyset semantics of the real queries: each row has a
 * position that never changes, a page after an anchor starts after the anchor's sort key, whether
 * or not the anchor still exists. Rows can be deleted between calls.
 */
public final class FakeExplore implements Explore {
    private final List<ExploreRow> rows = new ArrayList<>();
    public final List<LoginFilter> filtersAsked = new ArrayList<>();
    /** Runs after each row handed to an export (tests cancel from here). */
    public Runnable afterEachExportedRow = () -> { };
    private int next;

    public FakeExplore add(StoredLogin l) {
        rows.add(new ExploreRow(l, "(0," + (next++) + ")"));
        return this;
    }

    /** Deletes every row that {@code which} selects. */
    public void delete(java.util.function.Predicate<StoredLogin> which) {
        rows.removeIf(r -> which.test(r.login()));
    }

    public List<ExploreRow> all() {
        return Collections.unmodifiableList(rows);
    }

    static int pos(ExploreRow r) {
        String k = r.rowKey();
        return Integer.parseInt(k.substring(k.indexOf(',') + 1, k.length() - 1));
    }

    static Comparator<ExploreRow> order(ExploreSort sort) {
        Comparator<ExploreRow> byDate = Comparator.comparing((ExploreRow r) -> r.login().createDate());
        Comparator<ExploreRow> byUser = Comparator.comparing((ExploreRow r) -> r.login().userId());
        Comparator<ExploreRow> byPos = Comparator.comparingInt(FakeExplore::pos);
        return sort == ExploreSort.DATE ? byDate.thenComparing(byUser).thenComparing(byPos).reversed()
                : byUser.thenComparing(byDate).thenComparing(byPos);
    }

    static boolean matches(LoginFilter f, StoredLogin l) {
        return eq(f.userId(), l.userId()) && eq(f.maskedIp(), l.maskedIp()) && eq(f.maskedDeviceId(), l.maskedDeviceId())
                && eq(f.deviceType(), l.deviceType()) && eq(f.locale(), l.locale()) && eq(f.appVersion(), l.appVersion())
                && (f.from() == null || !l.createDate().isBefore(f.from()))
                && (f.to() == null || !l.createDate().isAfter(f.to()));
    }

    private static boolean eq(String want, String have) {
        return want == null || want.equals(have);
    }

    private List<ExploreRow> matching(LoginFilter f, ExploreSort sort) {
        return rows.stream().filter(r -> matches(f, r.login())).sorted(order(sort)).collect(Collectors.toList());
    }

    @Override
    public synchronized ExplorePage page(LoginFilter filter, ExploreSort sort, PageRequest req) {
        filtersAsked.add(filter);
        List<ExploreRow> all = matching(filter, sort);
        Comparator<ExploreRow> o = order(sort);
        switch (req.direction()) {
            case NEXT: {
                List<ExploreRow> after = all.stream().filter(r -> o.compare(r, req.anchor()) > 0)
                        .collect(Collectors.toList());
                return new ExplorePage(new ArrayList<>(after.subList(0, Math.min(req.size(), after.size()))), true,
                        after.size() > req.size());
            }
            case PREVIOUS: {
                List<ExploreRow> before = all.stream().filter(r -> o.compare(r, req.anchor()) < 0)
                        .collect(Collectors.toList());
                int from = Math.max(0, before.size() - req.size());
                return new ExplorePage(new ArrayList<>(before.subList(from, before.size())), from > 0, true);
            }
            default:
                return new ExplorePage(new ArrayList<>(all.subList(0, Math.min(req.size(), all.size()))), false,
                        all.size() > req.size());
        }
    }

    @Override
    public synchronized RowCount count(LoginFilter filter) {
        return new RowCount(matching(filter, ExploreSort.DATE).size(), true);
    }

    @Override
    public synchronized MaskSummary follow(MaskColumn column, String mask) {
        List<StoredLogin> m = matching(LoginFilter.ofMask(column, mask), ExploreSort.DATE).stream()
                .map(ExploreRow::login).collect(Collectors.toList());
        return summary(column, mask, m);
    }

    private static MaskSummary summary(MaskColumn column, String mask, List<StoredLogin> m) {
        Set<String> users = m.stream().map(StoredLogin::userId).collect(Collectors.toSet());
        return new MaskSummary(column, mask, users.size(), m.size(),
                m.stream().map(StoredLogin::createDate).min(Comparator.naturalOrder()).orElse(null),
                m.stream().map(StoredLogin::createDate).max(Comparator.naturalOrder()).orElse(null));
    }

    private static String value(MaskColumn c, StoredLogin l) {
        return c == MaskColumn.MASKED_IP ? l.maskedIp() : l.maskedDeviceId();
    }

    @Override
    public synchronized List<MaskSummary> masksOf(String userId) {
        List<MaskSummary> out = new ArrayList<>();
        for (MaskColumn c : MaskColumn.values()) {
            Map<String, List<StoredLogin>> mine = new TreeMap<>(rows.stream().map(ExploreRow::login)
                    .filter(l -> l.userId().equals(userId)).collect(Collectors.groupingBy(l -> value(c, l))));
            mine.forEach((mask, ls) -> {
                MaskSummary all = follow(c, mask);
                MaskSummary own = summary(c, mask, ls);
                out.add(new MaskSummary(c, mask, all.users(), own.rows(), own.first(), own.last()));
            });
        }
        return out;
    }

    @Override
    public synchronized SharedMasks shared(MaskColumn column, int limit) {
        Map<String, List<StoredLogin>> groups = rows.stream().map(ExploreRow::login)
                .collect(Collectors.groupingBy(l -> value(column, l)));
        List<MaskSummary> out = groups.entrySet().stream().map(e -> summary(column, e.getKey(), e.getValue()))
                .filter(s -> s.users() >= 2)
                .sorted(Comparator.comparingLong(MaskSummary::users).reversed().thenComparing(MaskSummary::mask))
                .limit(limit).collect(Collectors.toList());
        return new SharedMasks(out, Instant.parse("2026-12-01T10:00:00Z"), rows.size());
    }

    @Override
    public long regroup() {
        return 0;
    }

    @Override
    public synchronized ChartSeries chart(ChartKind chart, LoginFilter filter, int topN) {
        Map<String, Long> byLocale = matching(filter, ExploreSort.DATE).stream().collect(Collectors.groupingBy(
                r -> Objects.toString(r.login().locale(), "(none)"), TreeMap::new, Collectors.counting()));
        return new ChartSeries(byLocale.entrySet().stream().map(e -> new ChartSeries.Point(e.getKey(), "", e.getValue()))
                .collect(Collectors.toList()), false);
    }

    @Override
    public long forEach(LoginFilter filter, ExploreSort sort, RowHandler handler) {
        long n = 0;
        for (ExploreRow r : matching(filter, sort)) {
            n++;
            try {
                if (!handler.accept(r.login())) {
                    break;
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            afterEachExportedRow.run();
        }
        return n;
    }

    @Override
    public long forEachShared(MaskColumn column, MaskHandler handler) {
        long n = 0;
        for (MaskSummary m : shared(column, Integer.MAX_VALUE).masks()) {
            n++;
            try {
                if (!handler.accept(m)) {
                    break;
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            afterEachExportedRow.run();
        }
        return n;
    }
}
