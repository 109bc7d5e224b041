package io.annometrics.event.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.annometrics.event.service.AggregateDeltas;

/**
 * Applies a batch's {@link AggregateDeltas} to the aggregate tables (migration V2): 15-minute slots,
 * UTC days, UTC months and the per-day calendar profiles. Rows are written in key order.
 */
@ApplicationScoped
public class AggregateRepository {

    private static final String UPSERT_ACTIVITY = """
            INSERT INTO activity_%1$s AS t (project_id, %1$s, actor, events, created)
            SELECT p, b::%2$s, a, e::bigint, c::bigint FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(p, b, a, e, c)
            ON CONFLICT (project_id, %1$s, actor)
            DO UPDATE SET events = t.events + excluded.events, created = t.created + excluded.created
            """;

    private static final String UPSERT_CORRECTIONS = """
            INSERT INTO correction_%1$s AS t (project_id, %1$s, editor, author, corrections)
            SELECT p, b::%2$s, e, a, n::bigint FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(p, b, e, a, n)
            ON CONFLICT (project_id, %1$s, editor, author)
            DO UPDATE SET corrections = t.corrections + excluded.corrections
            """;

    private static final String UPSERT_PROFILE = """
            INSERT INTO activity_profile AS t (project_id, day, slots) VALUES (?, ?::date, ?::bigint[])
            ON CONFLICT (project_id, day) DO UPDATE SET slots =
                (SELECT array_agg(a + b ORDER BY i) FROM unnest(t.slots, excluded.slots) WITH ORDINALITY AS s(a, b, i))
            """;

    @Inject
    AgroalDataSource dataSource;

    /** One row to add to a bucketed table: the bucket (slot instant, day or month) and its counts. */
    private record Row(String projectId, Object bucket, String first, String second, long a, long b) {
    }

    public void apply(AggregateDeltas deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        List<Row> activity = new ArrayList<>();
        deltas.activity().forEach((k, v) -> activity.add(new Row(k.projectId(), k.slot(), k.actor(), null, v.events(), v.created())));
        List<Row> corrections = new ArrayList<>();
        deltas.corrections().forEach((k, n) -> corrections.add(new Row(k.projectId(), k.slot(), k.editor(), k.author(), n, 0)));

        try (Connection connection = dataSource.getConnection()) {
            for (Level level : Level.values()) {
                upsert(connection, UPSERT_ACTIVITY.formatted(level.column, level.sqlType), rollUp(activity, level),
                        Row::projectId, Row::bucket, Row::first, Row::a, Row::b);
                upsert(connection, UPSERT_CORRECTIONS.formatted(level.column, level.sqlType), rollUp(corrections, level),
                        Row::projectId, Row::bucket, Row::first, Row::second, Row::a);
            }
            try (PreparedStatement statement = connection.prepareStatement(UPSERT_PROFILE)) {
                for (var project : deltas.profiles().entrySet()) {
                    for (var day : project.getValue().entrySet()) {
                        statement.setString(1, project.getKey());
                        statement.setString(2, day.getKey().toString());
                        statement.setString(3, toArrayLiteral(day.getValue()));
                        statement.addBatch();
                    }
                }
                statement.executeBatch();
            }
        }
    }

    /** The bucket sizes, each a table suffix and column. */
    private enum Level {
        SLOT("slot", "timestamptz", slot -> slot),
        DAY("day", "date", AggregateDeltas::dayOf),
        MONTH("month", "date", slot -> AggregateDeltas.dayOf(slot).withDayOfMonth(1));

        final String column;
        final String sqlType;
        final Function<Instant, Object> bucketOf;

        Level(String column, String sqlType, Function<Instant, Object> bucketOf) {
            this.column = column;
            this.sqlType = sqlType;
            this.bucketOf = bucketOf;
        }
    }

    /** Sums slot rows into the level's buckets, keeping key order. */
    private static List<Row> rollUp(List<Row> slotRows, Level level) {
        Map<List<Object>, Row> rolled = new TreeMap<>(AggregateRepository::compareKeys);
        for (Row row : slotRows) {
            Object bucket = level.bucketOf.apply((Instant) row.bucket());
            List<Object> key = List.of(row.projectId(), bucket, row.first(), row.second() == null ? "" : row.second());
            rolled.merge(key, new Row(row.projectId(), bucket, row.first(), row.second(), row.a(), row.b()),
                    (x, y) -> new Row(x.projectId(), x.bucket(), x.first(), x.second(), x.a() + y.a(), x.b() + y.b()));
        }
        return new ArrayList<>(rolled.values());
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static int compareKeys(List<Object> x, List<Object> y) {
        for (int i = 0; i < x.size(); i++) {
            int c = ((Comparable) x.get(i)).compareTo(y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @SafeVarargs
    private static void upsert(Connection connection, String sql, List<Row> rows, Function<Row, Object>... columns)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            SqlArrays.bind(connection, statement, rows, columns);
            statement.executeUpdate();
        }
    }

    private static String toArrayLiteral(long[] values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            literal.append(i == 0 ? "" : ",").append(values[i]);
        }
        return literal.append('}').toString();
    }
}
