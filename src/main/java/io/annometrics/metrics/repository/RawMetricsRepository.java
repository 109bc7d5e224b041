package io.annometrics.metrics.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.annometrics.metrics.compute.WindowTotals;

/**
 * The views' counts straight from the event log, grouped in the database. Serves what the aggregates
 * cannot: the label filter, and windows whose bounds do not fall on 15-minute slots. Also the
 * reference that the aggregates are tested against.
 */
@ApplicationScoped
public class RawMetricsRepository implements MetricsSource {

    /** The effective author of an annotation: its creator, else the author that events named. */
    private static final String AUTHOR = "coalesce(a.creator, a.author_hint)";

    @Inject
    AgroalDataSource dataSource;

    @Override
    public Optional<Span> span(MetricsQuery query) {
        Where where = Where.of(query, true);
        return MetricsSql.select(dataSource, "SELECT min(e.occurred_at), max(e.occurred_at) FROM event e WHERE " + where.sql, where.params, MetricsSql::span);
    }

    /**
     * Events per day: {@code boundaries} are the starts of {@code n} consecutive days followed by the
     * end of the last; the answer has {@code n} counts.
     */
    @Override
    public long[] countsPerDay(MetricsQuery query, List<Instant> boundaries) {
        Instant first = boundaries.get(0);
        Instant end = boundaries.get(boundaries.size() - 1);
        MetricsQuery bounded = new MetricsQuery(query.projectId(), first, end, query.actors(), query.labels());
        Where where = Where.of(bounded, true);
        List<Object> params = new ArrayList<>();
        params.add(new MetricsSql.TextArray(boundaries.stream().map(Instant::toString).toList()));
        params.addAll(where.params);
        String sql = "SELECT width_bucket(e.occurred_at, ?::timestamptz[]) AS day, count(*) FROM event e WHERE "
                + where.sql + " GROUP BY day";
        return MetricsSql.select(dataSource, sql, params, rows -> {
            long[] counts = new long[boundaries.size() - 1];
            while (rows.next()) {
                counts[rows.getInt(1) - 1] = rows.getLong(2);
            }
            return counts;
        });
    }

    /**
     * Events and creations per actor, and if asked corrections by (editor, author): updates and
     * deletions of annotations whose author is known and is not the actor. The actor filter of the
     * query applies to the activity only.
     */
    @Override
    public WindowTotals totals(MetricsQuery query, boolean withCorrections) {
        WindowTotals totals = new WindowTotals();
        Where activity = Where.of(query, true);
        MetricsSql.select(dataSource, "SELECT e.actor, count(*), count(*) FILTER (WHERE e.type = 'ANNOTATION_CREATED')"
                + " FROM event e WHERE " + activity.sql + " GROUP BY e.actor", activity.params, rows -> {
                    while (rows.next()) {
                        totals.addActivity(totals.person(rows.getString(1)), rows.getLong(2), rows.getLong(3));
                    }
                    return totals;
                });
        if (!withCorrections) {
            return totals;
        }
        Where where = Where.of(query, false);
        String sql = "SELECT e.actor, " + AUTHOR + " AS author, count(*) FROM event e"
                + " JOIN annotation a ON a.project_id = e.project_id AND a.annotation_id = e.annotation_id"
                + " WHERE " + where.sql
                + " AND e.type IN ('ANNOTATION_UPDATED', 'ANNOTATION_DELETED')"
                + " AND " + AUTHOR + " IS NOT NULL AND e.actor <> " + AUTHOR
                + " GROUP BY 1, 2";
        return MetricsSql.select(dataSource, sql, where.params, rows -> {
            while (rows.next()) {
                totals.addCorrections(totals.person(rows.getString(1)), totals.person(rows.getString(2)), rows.getLong(3));
            }
            return totals;
        });
    }

    /** The WHERE clause of a query over {@code event e}. */
    private record Where(String sql, List<Object> params) {

        static Where of(MetricsQuery query, boolean filterActors) {
            StringBuilder sql = new StringBuilder("e.project_id = ?");
            List<Object> params = new ArrayList<>();
            params.add(query.projectId());
            if (query.start() != null) {
                sql.append(" AND e.occurred_at >= ?");
                params.add(query.start());
            }
            if (query.end() != null) {
                sql.append(" AND e.occurred_at < ?");
                params.add(query.end());
            }
            if (filterActors && query.actors() != null) {
                sql.append(" AND e.actor = ANY (?::text[])");
                params.add(new MetricsSql.TextArray(query.actors()));
            }
            if (query.labels() != null) {
                sql.append(" AND e.label = ANY (?::text[])");
                params.add(new MetricsSql.TextArray(query.labels()));
            }
            return new Where(sql.toString(), params);
        }
    }
}
