package io.annometrics.event.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private static final String INSERT_TALLY = """
            INSERT INTO tally (project_id, level, bucket, people, activity, corrections) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (project_id, level, bucket) DO NOTHING
            """;

    private static final String UPDATE_TALLY = """
            UPDATE tally SET people = ?, activity = ?, corrections = ? WHERE project_id = ? AND level = ? AND bucket = ?
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
        List<TallyKey> inserted = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement(UPDATE_TALLY);
                PreparedStatement insert = connection.prepareStatement(INSERT_TALLY)) {
            for (TallyKey key : keys) {
                BucketTally change = changes.get(key);
                BucketTally current = stored.get(key);
                if (current != null) {
                    BucketTally.Stored next = current.plus(change).encode();
                    bind(connection, update, 1, next);
                    bindKey(update, 4, key);
                    update.addBatch();
                } else {
                    bindKey(insert, 1, key);
                    bind(connection, insert, 4, change.encode());
                    insert.addBatch();
                    inserted.add(key);
                }
            }
            update.executeBatch();
            int[] counts = insert.executeBatch();
            Map<TallyKey, BucketTally> raced = new TreeMap<>(TallyKey.ORDER);
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    raced.put(inserted.get(i), changes.get(inserted.get(i)));
                }
            }
            return raced;
        }
    }

    private static void bindKey(PreparedStatement statement, int first, TallyKey key) throws SQLException {
        statement.setString(first, key.projectId());
        statement.setString(first + 1, key.level().sqlName());
        statement.setObject(first + 2, key.bucket().atOffset(ZoneOffset.UTC));
    }

    private static void bind(Connection connection, PreparedStatement statement, int first, BucketTally.Stored stored)
            throws SQLException {
        statement.setArray(first, connection.createArrayOf("text", stored.people()));
        statement.setBytes(first + 1, stored.activity());
        statement.setBytes(first + 2, stored.corrections());
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
