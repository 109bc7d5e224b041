package io.annometrics.metrics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import io.annometrics.common.error.InternalException;

/** Runs the read-only statements of the metrics repositories: binds parameters, maps failures. */
final class MetricsSql {

    private MetricsSql() {
    }

    /** Reads the rows of a statement. */
    @FunctionalInterface
    interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
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
