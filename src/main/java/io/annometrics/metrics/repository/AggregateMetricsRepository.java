package io.annometrics.metrics.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.annometrics.aggregate.BucketTally;
import io.annometrics.metrics.compute.BucketPlan;
import io.annometrics.metrics.compute.WindowTotals;

/**
 * The views' counts from the aggregates, never from the raw log. A window is covered by
 * {@link BucketPlan} with ranges of UTC months, UTC days and 15-minute slots, each added or
 * subtracted, and one range scan per range reads the {@code tally} rows (migration V4), one row per
 * bucket; the calendar reads one
 * {@code activity_profile} row per UTC day. The window's bounds must fall on slots (true in every
 * IANA zone in use) and the label filter is not supported: {@link RawMetricsRepository} serves those.
 */
@ApplicationScoped
public class AggregateMetricsRepository implements MetricsSource {

    private static final long DAY_SECONDS = 86_400;
    private static final int SLOTS_PER_DAY = 96;
    /** Tally rows read per step while looking for the first or last slot of some actors. */
    private static final int SPAN_STEP = 64;
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    /**
     * The slot tallies in {@code [from, to)} that name one of some actors (who may appear there only as
     * authors of corrections: {@link #eventsOf} tells); parameters from {@link #actorSlotParams}.
     */
    private static final String ACTOR_SLOTS = "SELECT bucket, people, activity FROM tally WHERE project_id = ?"
            + " AND level = 'slot' AND bucket >= ? AND bucket < ? AND people && ?::text[]";

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
        Instant start = query.start() != null ? query.start() : EARLIEST;
        Instant end = query.end() != null ? query.end() : LATEST;
        Optional<Instant> first = query.actors() == null ? profileEdge(query, start, end, true) : slotEdge(query, start, end, true);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> last = query.actors() == null ? profileEdge(query, start, end, false) : slotEdge(query, start, end, false);
        return Optional.of(new Span(first.get(), last.orElseThrow()));
    }

    /**
     * The first (or last) slot in {@code [start, end)} with any event, from the calendar profiles. Only
     * the two edge days can be partly outside the window, so the answer is among the first three rows.
     */
    private Optional<Instant> profileEdge(MetricsQuery query, Instant start, Instant end, boolean first) {
        String sql = Profile.SQL + " ORDER BY day " + (first ? "ASC" : "DESC") + " LIMIT 3";
        return MetricsSql.select(dataSource, sql, Profile.params(query, start, end), rows -> {
            while (rows.next()) {
                Profile profile = Profile.read(rows);
                for (int n = 0; n < SLOTS_PER_DAY; n++) {
                    int i = first ? n : SLOTS_PER_DAY - 1 - n;
                    Instant slot = profile.slot(i);
                    if (profile.events()[i] != 0 && !slot.isBefore(start) && slot.isBefore(end)) {
                        return Optional.of(slot);
                    }
                }
            }
            return Optional.<Instant>empty();
        });
    }

    /** The first (or last) slot in {@code [start, end)} where one of the query's actors has an event. */
    private Optional<Instant> slotEdge(MetricsQuery query, Instant start, Instant end, boolean first) {
        String sql = ACTOR_SLOTS + " ORDER BY bucket " + (first ? "ASC" : "DESC") + " LIMIT " + SPAN_STEP;
        Instant from = start;
        Instant to = end;
        while (true) {
            List<Instant> passed = new ArrayList<>();
            Optional<Instant> found = MetricsSql.select(dataSource, sql, actorSlotParams(query, from, to), rows -> {
                while (rows.next()) {
                    Instant slot = rows.getTimestamp(1).toInstant();
                    if (eventsOf(rows, query.actors()) > 0) {
                        return Optional.of(slot);
                    }
                    passed.add(slot);
                }
                return Optional.<Instant>empty();
            });
            if (found.isPresent() || passed.size() < SPAN_STEP) {
                return found;
            }
            Instant last = passed.get(passed.size() - 1);
            if (first) {
                from = last.plusSeconds(BucketPlan.SLOT_SECONDS);
            } else {
                to = last;
            }
        }
    }

    @Override
    public long[] countsPerDay(MetricsQuery query, List<Instant> boundaries) {
        long[] counts = new long[boundaries.size() - 1];
        Instant first = boundaries.get(0);
        Instant end = boundaries.get(boundaries.size() - 1);
        Instant[] bounds = boundaries.toArray(Instant[]::new);
        if (query.actors() == null) {
            // One row per UTC day: 96 slot counts, each added to the local day that holds the slot.
            return MetricsSql.select(dataSource, Profile.SQL, Profile.params(query, first, end), rows -> {
                while (rows.next()) {
                    Profile profile = Profile.read(rows);
                    for (int i = 0; i < SLOTS_PER_DAY; i++) {
                        if (profile.events()[i] != 0) {
                            addToDay(counts, bounds, profile.slot(i), profile.events()[i]);
                        }
                    }
                }
                return counts;
            });
        }
        // Some actors only: their events per slot, from the slot tallies that mention any of them.
        return MetricsSql.select(dataSource, ACTOR_SLOTS, actorSlotParams(query, first, end), rows -> {
            while (rows.next()) {
                addToDay(counts, bounds, rows.getTimestamp(1).toInstant(), eventsOf(rows, query.actors()));
            }
            return counts;
        });
    }

    private static List<Object> actorSlotParams(MetricsQuery query, Instant from, Instant to) {
        return List.of(query.projectId(), from, to, new MetricsSql.TextArray(query.actors()));
    }

    /** The events of {@code actors} in one row of {@link #ACTOR_SLOTS}. */
    private static long eventsOf(ResultSet row, Set<String> actors) throws SQLException {
        String[] people = (String[]) row.getArray(2).getArray();
        long[] events = { 0 };
        BucketTally.read(new BucketTally.Stored(people, row.getBytes(3), new byte[0]), new BucketTally.Reader() {
            @Override
            public void activity(int person, int count, int created) {
                if (actors.contains(people[person])) {
                    events[0] += count;
                }
            }

            @Override
            public void correction(int editor, int author, int count) {
                // not asked
            }
        });
        return events[0];
    }

    /**
     * Sums the tally rows of the window's buckets: one statement, a UNION ALL of one range scan per part
     * of the {@link BucketPlan}, each with its sign. Corrections are read only when asked.
     */
    @Override
    public WindowTotals totals(MetricsQuery query, boolean withCorrections) {
        BucketPlan plan = BucketPlan.of(query.start() != null ? query.start() : EARLIEST, query.end() != null ? query.end() : LATEST);
        String columns = "people, activity, " + (withCorrections ? "corrections" : "''::bytea");
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (BucketPlan.Part part : plan.parts()) {
            parts.add("(SELECT " + part.sign() + " AS sign, " + columns + " FROM tally WHERE project_id = ? AND level = '"
                    + part.level().sqlName() + "' AND bucket >= ? AND bucket < ?)");
            params.add(query.projectId());
            params.add(part.from());
            params.add(part.to());
        }
        WindowTotals totals = new WindowTotals();
        if (parts.isEmpty()) {
            return totals;
        }
        Set<String> actors = query.actors();
        return MetricsSql.select(dataSource, String.join(" UNION ALL ", parts), params, rows -> {
            while (rows.next()) {
                add(totals, rows, actors);
            }
            return totals;
        });
    }

    /** Adds (or subtracts) one tally row to the totals; activity only of {@code actors} unless null. */
    private static void add(WindowTotals totals, ResultSet row, Set<String> actors) throws SQLException {
        int sign = row.getInt(1);
        String[] people = (String[]) row.getArray(2).getArray();
        int[] numbers = new int[people.length];
        for (int i = 0; i < people.length; i++) {
            numbers[i] = totals.person(people[i]);
        }
        BucketTally.read(new BucketTally.Stored(people, row.getBytes(3), row.getBytes(4)), new BucketTally.Reader() {
            @Override
            public void activity(int person, int events, int created) {
                if (actors == null || actors.contains(people[person])) {
                    totals.addActivity(numbers[person], sign * events, sign * created);
                }
            }

            @Override
            public void correction(int editor, int author, int count) {
                totals.addCorrections(numbers[editor], numbers[author], sign * count);
            }
        });
    }

    /** Adds {@code count} to the day whose range holds {@code slot}; slots outside every day are ignored. */
    private static void addToDay(long[] counts, Instant[] bounds, Instant slot, long count) {
        int position = Arrays.binarySearch(bounds, slot);
        int day = position >= 0 ? position : -position - 2;
        if (day >= 0 && day < counts.length) {
            counts[day] += count;
        }
    }

    /** One calendar profile row: the events of every actor in each of the 96 slots of a UTC day. */
    private record Profile(long dayStart, Long[] events) {

        /** The profiles of the UTC days that hold {@code [from, to]}; parameters from {@link #params}. */
        static final String SQL = "SELECT day, slots FROM activity_profile WHERE project_id = ? AND day >= ? AND day <= ?";

        static List<Object> params(MetricsQuery query, Instant from, Instant to) {
            return List.of(query.projectId(), LocalDate.ofInstant(from, ZoneOffset.UTC), LocalDate.ofInstant(to, ZoneOffset.UTC));
        }

        static Profile read(ResultSet row) throws SQLException {
            return new Profile(row.getObject(1, LocalDate.class).toEpochDay() * DAY_SECONDS, (Long[]) row.getArray(2).getArray());
        }

        /** The first instant of slot {@code i}. */
        Instant slot(int i) {
            return Instant.ofEpochSecond(dayStart + i * BucketPlan.SLOT_SECONDS);
        }
    }
}
