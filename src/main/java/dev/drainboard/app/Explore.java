package dev.drainboard.app;

import dev.drainboard.model.ChartSeries;
import dev.drainboard.model.ExplorePage;
import dev.drainboard.model.ExploreSort;
import dev.drainboard.model.LoginFilter;
import dev.drainboard.model.LoginFilter.RowCount;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskSummary;
import dev.drainboard.model.PageRequest;
import dev.drainboard.model.SharedMasks;
import dev.drainboard.sink.ExploreQueries;
import dev.drainboard.model.ChartKind;
import dev.drainboard.sink.ExploreQueries.MaskHandler;
import dev.drainboard.sink.ExploreQueries.RowHandler;
import java.util.List;

/**
 * The analyst's questions over {@code user_logins} (a seam over {@link ExploreQueries}, so view
 * models are tested over an in-memory fake). Every answer is masked as stored. Blocking: the
 * console calls it through its task adapter, never on the UI thread.
 */
public interface Explore {
    /** One keyset page of the rows matching {@code filter}. */
    ExplorePage page(LoginFilter filter, ExploreSort sort, PageRequest request);

    /** Exact up to a bound, an estimate above it. */
    RowCount count(LoginFilter filter);

    /** What one mask touches: rows, distinct user ids, first and last date. */
    MaskSummary follow(MaskColumn column, String mask);

    /** Every mask one user id used, each with its distinct user ids over the whole table. */
    List<MaskSummary> masksOf(String userId);

    /** Masks used by two or more user ids, most users first. */
    SharedMasks shared(MaskColumn column, int limit);

    /** Groups the table again for {@link #shared} on large tables (a scan); returns the groups stored. */
    long regroup();

    ChartSeries chart(ChartKind chart, LoginFilter filter, int topN);

    /** Streams the matching rows to {@code handler} until it returns false; returns the rows handed over. */
    long forEach(LoginFilter filter, ExploreSort sort, RowHandler handler);

    /**
     * Streams every mask of {@code column} with two or more user ids from the stored grouping, in
     * the order of {@link #shared}, to {@code handler} until it returns false (in pages: memory stays
     * flat); call {@link #shared} first for a fresh grouping. Returns the masks handed over.
     */
    long forEachShared(MaskColumn column, MaskHandler handler);

    static Explore of(ExploreQueries q) {
        return new Explore() {
            @Override
            public ExplorePage page(LoginFilter filter, ExploreSort sort, PageRequest request) {
                return q.page(filter, sort, request);
            }

            @Override
            public RowCount count(LoginFilter filter) {
                return q.count(filter);
            }

            @Override
            public MaskSummary follow(MaskColumn column, String mask) {
                return q.follow(column, mask);
            }

            @Override
            public List<MaskSummary> masksOf(String userId) {
                return q.masksOf(userId);
            }

            @Override
            public SharedMasks shared(MaskColumn column, int limit) {
                return q.shared(column, limit);
            }

            @Override
            public long regroup() {
                return q.regroup();
            }

            @Override
            public ChartSeries chart(ChartKind chart, LoginFilter filter, int topN) {
                return q.chart(chart, filter, topN);
            }

            @Override
            public long forEach(LoginFilter filter, ExploreSort sort, RowHandler handler) {
                return q.forEach(filter, sort, handler);
            }

            @Override
            public long forEachShared(MaskColumn column, MaskHandler handler) {
                return q.forEachShared(column, handler);
            }
        };
    }
}
