package io.annometrics.event.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.annometrics.aggregate.BucketTally;
import io.annometrics.aggregate.TallyLevel;
import io.annometrics.event.service.AggregateDeltas;

/**
 * Applies a batch's {@link AggregateDeltas} to the aggregates: one {@code tally} row per project and
 * 15-minute slot, UTC day and UTC month (migration V4), and the per-day calendar profiles (V2).
 *
 * <p>A tally row is read, changed in Java and written back, so concurrent batches must not both start
 * from the same version: existing rows are locked ({@code FOR UPDATE}) in key order before they are
 * read, and a row that did not exist is inserted with {@code ON CONFLICT DO NOTHING}; should another
 * batch have inserted it meanwhile, it is locked, read and changed like any existing row.
 */
@ApplicationScoped
public class AggregateRepository {

    private static final String LOCK_TALLIES = """
            SELECT t.project_id, t.level, t.bucket, t.people, t.activity, t.corrections
            FROM tally t JOIN unnest(?::text[], ?::text[], ?::timestamptz[]) AS k(p, l, b)
                ON t.project_id = k.p AND t.level = k.l AND t.bucket = k.b
            ORDER BY t.project_id, t.level, t.bucket
            FOR UPDATE OF t
            """;

    /**
     * All of a batch's new rows in one statement: a batch spread over days touches hundreds of slots.
     * The names travel as array literals ({@link #arrayLiteral}), since PostgreSQL has no array of arrays
     * of different lengths.
     */
    private static final String INSERT_TALLIES = """
            INSERT INTO tally (project_id, level, bucket, people, activity, corrections)
            SELECT p, l, b, n::text[], a, c FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::bytea[], ?::bytea[])
                AS u(p, l, b, n, a, c)
            ON CONFLICT (project_id, level, bucket) DO NOTHING
            RETURNING project_id, level, bucket
            """;

    private static final String UPDATE_TALLIES = """
            UPDATE tally t SET people = u.n::text[], activity = u.a, corrections = u.c
            FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::bytea[], ?::bytea[]) AS u(p, l, b, n, a, c)
            WHERE t.project_id = u.p AND t.level = u.l AND t.bucket = u.b
            """;

    private static final String UPSERT_PROFILE = """
            INSERT INTO activity_profile AS t (project_id, day, slots) VALUES (?, ?::date, ?::bigint[])
            ON CONFLICT (project_id, day) DO UPDATE SET slots =
                (SELECT array_agg(a + b ORDER BY i) FROM unnest(t.slots, excluded.slots) WITH ORDINALITY AS s(a, b, i))
            """;

    /** A tally row's key; ordered as the lock statement orders rows. */
    record TallyKey(String projectId, TallyLevel level, Instant bucket) {
        static final Comparator<TallyKey> ORDER = Comparator.comparing(TallyKey::projectId)
                .thenComparing(k -> k.level().sqlName()).thenComparing(TallyKey::bucket);
    }

    @Inject
    AgroalDataSource dataSource;

    public void apply(AggregateDeltas deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        Map<TallyKey, BucketTally> changes = changesByBucket(deltas);
        try (Connection connection = dataSource.getConnection()) {
            Map<TallyKey, BucketTally> pending = changes;
            // Twice at most: a row that another batch inserted after the lock is there the second time.
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == 2) {
                    throw new SQLException("tally rows kept appearing while being written", "40001");
                }
                pending = write(connection, pending);
            }
            upsertProfiles(connection, deltas);
        }
    }

    /** The changes of every bucket at every level, in key order. */
    static Map<TallyKey, BucketTally> changesByBucket(AggregateDeltas deltas) {
        Map<TallyKey, BucketTally> changes = new HashMap<>();
        for (TallyLevel level : TallyLevel.values()) {
            deltas.activity().forEach((key, change) -> changes
                    .computeIfAbsent(new TallyKey(key.projectId(), level, level.bucketOf(key.slot())), k -> new BucketTally())
                    .addActivity(key.actor(), change.events(), change.created()));
            deltas.corrections().forEach((key, change) -> changes
                    .computeIfAbsent(new TallyKey(key.projectId(), level, level.bucketOf(key.slot())), k -> new BucketTally())
                    .addCorrections(key.editor(), key.author(), change));
        }
        Map<TallyKey, BucketTally> sorted = new TreeMap<>(TallyKey.ORDER);
        sorted.putAll(changes);
        return sorted;
    }

    /**
     * Locks and updates the rows that exist, inserts the others.
     *
     * @return the changes of rows that another batch inserted meanwhile: still to be applied
     */
    private Map<TallyKey, BucketTally> write(Connection connection, Map<TallyKey, BucketTally> changes) throws SQLException {
        List<TallyKey> keys = new ArrayList<>(changes.keySet());
        Map<TallyKey, BucketTally> stored = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement(LOCK_TALLIES)) {
            SqlArrays.bind(connection, lock, keys, TallyKey::projectId, k -> k.level().sqlName(), TallyKey::bucket);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    TallyKey key = new TallyKey(rows.getString(1), TallyLevel.ofSqlName(rows.getString(2)),
                            rows.getTimestamp(3).toInstant());
                    stored.put(key, BucketTally.decode(new BucketTally.Stored((String[]) rows.getArray(4).getArray(),
                            rows.getBytes(5), rows.getBytes(6))));
                }
            }
        }
        List<TallyKey> updated = new ArrayList<>();
        List<BucketTally.Stored> updates = new ArrayList<>();
        List<TallyKey> inserted = new ArrayList<>();
        List<BucketTally.Stored> inserts = new ArrayList<>();
        for (TallyKey key : keys) {
            BucketTally current = stored.get(key);
            if (current != null) {
                updated.add(key);
                updates.add(current.plus(changes.get(key)).encode());
            } else {
                inserted.add(key);
                inserts.add(changes.get(key).encode());
            }
        }
        if (!updated.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(UPDATE_TALLIES)) {
                bindRows(connection, update, updated, updates);
                update.executeUpdate();
            }
        }
        Map<TallyKey, BucketTally> raced = new TreeMap<>(TallyKey.ORDER);
        if (!inserted.isEmpty()) {
            Set<TallyKey> written = new HashSet<>();
            try (PreparedStatement insert = connection.prepareStatement(INSERT_TALLIES)) {
                bindRows(connection, insert, inserted, inserts);
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        written.add(new TallyKey(rows.getString(1), TallyLevel.ofSqlName(rows.getString(2)),
                                rows.getTimestamp(3).toInstant()));
                    }
                }
            }
            for (TallyKey key : inserted) {
                if (!written.contains(key)) {
                    raced.put(key, changes.get(key));
                }
            }
        }
        return raced;
    }

    /** Binds rows of tally keys and their stored form as the six arrays of the statements above. */
    private static void bindRows(Connection connection, PreparedStatement statement, List<TallyKey> keys,
            List<BucketTally.Stored> rows) throws SQLException {
        int n = keys.size();
        String[] projects = new String[n];
        String[] levels = new String[n];
        String[] buckets = new String[n];
        String[] people = new String[n];
        byte[][] activity = new byte[n][];
        byte[][] corrections = new byte[n][];
        for (int i = 0; i < n; i++) {
            TallyKey key = keys.get(i);
            projects[i] = key.projectId();
            levels[i] = key.level().sqlName();
            buckets[i] = key.bucket().toString();
            people[i] = arrayLiteral(rows.get(i).people());
            activity[i] = rows.get(i).activity();
            corrections[i] = rows.get(i).corrections();
        }
        statement.setArray(1, connection.createArrayOf("text", projects));
        statement.setArray(2, connection.createArrayOf("text", levels));
        statement.setArray(3, connection.createArrayOf("text", buckets));
        statement.setArray(4, connection.createArrayOf("text", people));
        statement.setArray(5, connection.createArrayOf("bytea", activity));
        statement.setArray(6, connection.createArrayOf("bytea", corrections));
    }

    /** A PostgreSQL array literal of {@code values}, every element quoted, so that any name reads back as it was. */
    static String arrayLiteral(String[] values) {
        StringBuilder literal = new StringBuilder(values.length * 12 + 2).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"');
            String value = values[i];
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    private void upsertProfiles(Connection connection, AggregateDeltas deltas) throws SQLException {
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

    private static String toArrayLiteral(long[] values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            literal.append(i == 0 ? "" : ",").append(values[i]);
        }
        return literal.append('}').toString();
    }
}
