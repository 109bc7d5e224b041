package io.annometrics.metrics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import io.annometrics.common.error.InternalException;
import io.annometrics.metrics.compute.CorrectionPair;

/** Runs the read-only statements of the metrics repositories: binds parameters, maps failures. */
final class MetricsSql {

    private MetricsSql() {
    }

    /** Reads the rows of a statement. */
    @FunctionalInterface
    interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** The single row of (min, max) instants; empty when there is no activity. */
    static Optional<MetricsSource.Span> span(ResultSet rows) throws SQLException {
        rows.next();
        Timestamp first = rows.getTimestamp(1);
        return first == null ? Optional.empty()
                : Optional.of(new MetricsSource.Span(first.toInstant(), rows.getTimestamp(2).toInstant()));
    }

    /** Rows of (name, count) as a map. */
    static Map<String, Long> countsByName(ResultSet rows) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        while (rows.next()) {
            counts.put(rows.getString(1), rows.getLong(2));
        }
        return counts;
    }

    /** The first column of every row. */
    static Set<String> names(ResultSet rows) throws SQLException {
        Set<String> names = new HashSet<>();
        while (rows.next()) {
            names.add(rows.getString(1));
        }
        return names;
    }

    /** Rows of (editor, author, count). */
    static List<CorrectionPair> pairs(ResultSet rows) throws SQLException {
        List<CorrectionPair> pairs = new ArrayList<>();
        while (rows.next()) {
            pairs.add(new CorrectionPair(rows.getString(1), rows.getString(2), rows.getLong(3)));
        }
        return pairs;
    }

    /** A {@code text[]} parameter. */
    record TextArray(Collection<String> values) {
    }

    /**
     * Runs {@code sql} with {@code params} (text arrays, instants as timestamptz, anything else as is)
     * and reads its rows; a database failure becomes an INTERNAL error that names no detail.
     */
    static <T> T select(DataSource dataSource, String sql, List<Object> params, Rows<T> reader) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object param = params.get(i);
                if (param instanceof TextArray array) {
                    statement.setArray(i + 1, connection.createArrayOf("text", array.values().toArray(String[]::new)));
                } else if (param instanceof Instant instant) {
                    statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
                } else {
                    statement.setObject(i + 1, param);
                }
            }
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw new InternalException("The metrics could not be read: the database is unavailable. Try again shortly.", e);
        }
    }
}
