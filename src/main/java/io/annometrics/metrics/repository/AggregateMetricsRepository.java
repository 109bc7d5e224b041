package io.annometrics.metrics.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.annometrics.metrics.compute.BucketPlan;
import io.annometrics.metrics.compute.CorrectionPair;

/**
 * The views' counts from the aggregates (migration V2), never from the raw log: a window is split by
 * {@link BucketPlan} into months, days and 15-minute slots, and one query sums the matching rows. The
 * window's bounds must fall on slots (true in every IANA zone in use) and the label filter is not
 * supported: {@link RawMetricsRepository} serves those.
 */
@ApplicationScoped
public class AggregateMetricsRepository implements MetricsSource {

    private static final long DAY_SECONDS = 86_400;
    private static final int SLOTS_PER_DAY = 96;

    @Inject
    AgroalDataSource dataSource;

    /** Whether this source can answer the query exactly. */
    public static boolean supports(MetricsQuery query) {
        return query.labels() == null
                && (query.start() == null || BucketPlan.onSlot(query.start()))
                && (query.end() == null || BucketPlan.onSlot(query.end()));
    }

    @Override
    public Optional<Span> span(MetricsQuery query) {
        StringBuilder sql = new StringBuilder("SELECT min(slot), max(slot) FROM activity_slot WHERE project_id = ?");
        List<Object> params = new ArrayList<>(List.of(query.projectId()));
        if (query.start() != null) {
            sql.append(" AND slot >= ?");
            params.add(query.start());
        }
        if (query.end() != null) {
            sql.append(" AND slot < ?");
            params.add(query.end());
        }
        if (query.actors() != null) {
            sql.append(" AND actor = ANY (?::text[])");
            params.add(new MetricsSql.TextArray(query.actors()));
        }
        return MetricsSql.select(dataSource, sql.toString(), params, MetricsSql::span);
    }

    @Override
    public long[] countsPerDay(MetricsQuery query, List<Instant> boundaries) {
        long[] counts = new long[boundaries.size() - 1];
        Instant first = boundaries.get(0);
        Instant end = boundaries.get(boundaries.size() - 1);
        Instant[] bounds = boundaries.toArray(Instant[]::new);
        if (query.actors() == null) {
            // One row per UTC day: 96 slot counts, each added to the local day that holds the slot.
            String sql = "SELECT day, slots FROM activity_profile WHERE project_id = ? AND day >= ? AND day <= ?";
            List<Object> params = List.of(query.projectId(), LocalDate.ofInstant(first, ZoneOffset.UTC),
                    LocalDate.ofInstant(end, ZoneOffset.UTC));
            return MetricsSql.select(dataSource, sql, params, rows -> {
                while (rows.next()) {
                    long dayStart = rows.getObject(1, LocalDate.class).toEpochDay() * DAY_SECONDS;
                    Long[] slots = (Long[]) rows.getArray(2).getArray();
                    for (int i = 0; i < SLOTS_PER_DAY; i++) {
                        if (slots[i] != 0) {
                            addToDay(counts, bounds, Instant.ofEpochSecond(dayStart + i * BucketPlan.SLOT_SECONDS), slots[i]);
                        }
                    }
                }
                return counts;
            });
        }
        String sql = "SELECT slot, sum(events) FROM activity_slot WHERE project_id = ? AND slot >= ? AND slot < ?"
                + " AND actor = ANY (?::text[]) GROUP BY slot";
        return MetricsSql.select(dataSource, sql, List.of(query.projectId(), first, end, new MetricsSql.TextArray(query.actors())), rows -> {
            while (rows.next()) {
                addToDay(counts, bounds, rows.getTimestamp(1).toInstant(), rows.getLong(2));
            }
            return counts;
        });
    }

    @Override
    public Map<String, Long> createdPerUser(MetricsQuery query) {
        return MetricsSql.select(dataSource, sum(query, "activity", "actor", "sum(created)", "HAVING sum(created) > 0"), params(query, true), MetricsSql::countsByName);
    }

    @Override
    public Set<String> actors(MetricsQuery query) {
        return MetricsSql.select(dataSource, sum(query, "activity", "actor", "sum(events)", "HAVING sum(events) > 0"), params(query, true), MetricsSql::names);
    }

    @Override
    public List<CorrectionPair> corrections(MetricsQuery query) {
        String sql = sum(query, "correction", "editor, author", "sum(corrections)", "HAVING sum(corrections) > 0");
        return MetricsSql.select(dataSource, sql, params(query, false), MetricsSql::pairs);
    }

    /** Adds {@code count} to the day whose range holds {@code slot}; slots outside every day are ignored. */
    private static void addToDay(long[] counts, Instant[] bounds, Instant slot, long count) {
        int position = Arrays.binarySearch(bounds, slot);
        int day = position >= 0 ? position : -position - 2;
        if (day >= 0 && day < counts.length) {
            counts[day] += count;
        }
    }

    /**
     * One statement summing {@code measure} by {@code groupBy} over the buckets of the query's window:
     * a UNION ALL of one range scan per bucket range. Parameters come from {@link #params}.
     */
    private static String sum(MetricsQuery query, String table, String groupBy, String measure, String having) {
        String actorFilter = query.actors() == null ? "" : " AND actor = ANY (?::text[])";
        List<String> parts = new ArrayList<>();
        BucketPlan plan = plan(query);
        String columns = groupBy + ", " + (table.equals("activity") ? "events, created" : "corrections");
        String filter = table.equals("activity") ? actorFilter : "";
        plan.slots().forEach(r -> parts.add("SELECT " + columns + " FROM " + table + "_slot WHERE project_id = ? AND slot >= ? AND slot < ?" + filter));
        plan.days().forEach(r -> parts.add("SELECT " + columns + " FROM " + table + "_day WHERE project_id = ? AND day >= ? AND day < ?" + filter));
        plan.months().forEach(r -> parts.add("SELECT " + columns + " FROM " + table + "_month WHERE project_id = ? AND month >= ? AND month < ?" + filter));
        if (parts.isEmpty()) {
            parts.add("SELECT " + columns + " FROM " + table + "_slot WHERE false");
        }
        return "SELECT " + groupBy + ", " + measure + " FROM (" + String.join(" UNION ALL ", parts) + ") buckets GROUP BY "
                + groupBy + " " + having;
    }

    private List<Object> params(MetricsQuery query, boolean filterActors) {
        BucketPlan plan = plan(query);
        List<Object> params = new ArrayList<>();
        Object actors = filterActors && query.actors() != null ? new MetricsSql.TextArray(query.actors()) : null;
        for (var range : plan.slots()) {
            add(params, query.projectId(), range.from(), range.to(), actors);
        }
        for (var range : plan.days()) {
            add(params, query.projectId(), range.from(), range.to(), actors);
        }
        for (var range : plan.months()) {
            add(params, query.projectId(), range.from(), range.to(), actors);
        }
        return params;
    }

    private static void add(List<Object> params, String projectId, Object from, Object to, Object actors) {
        params.add(projectId);
        params.add(from);
        params.add(to);
        if (actors != null) {
            params.add(actors);
        }
    }

    /** The query's window as buckets; an open end reaches to the first or past the last possible slot. */
    private static BucketPlan plan(MetricsQuery query) {
        Instant start = query.start() != null ? query.start() : Instant.parse("1900-01-01T00:00:00Z");
        Instant end = query.end() != null ? query.end() : Instant.parse("2200-01-01T00:00:00Z");
        return BucketPlan.of(start, end);
    }

}
