package io.annometrics.event.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * Binds a batch of rows as one array per column, so that a statement such as
 * {@code INSERT ... SELECT * FROM unnest(?::text[], ?::bigint[])} writes any number of rows in one
 * round trip. Values travel as text and are cast by the statement.
 */
final class SqlArrays {

    private SqlArrays() {
    }

    /** Binds {@code columns} (each read from every row) as parameters 1..n. */
    @SafeVarargs
    static <T> void bind(Connection connection, PreparedStatement statement, List<T> rows, Function<T, Object>... columns)
            throws SQLException {
        for (int c = 0; c < columns.length; c++) {
            String[] values = new String[rows.size()];
            for (int r = 0; r < values.length; r++) {
                Object value = columns[c].apply(rows.get(r));
                values[r] = value == null ? null : value.toString();
            }
            statement.setArray(c + 1, connection.createArrayOf("text", values));
        }
    }
}
