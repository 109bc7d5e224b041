package io.annometrics.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Where the database spends its time: pg_stat_statements (reset before a phase, read after it) and,
 * for one explain pass, auto_explain with ANALYZE, which writes the plan of every statement to the
 * server log. Both modules are preloaded; auto_explain stays off outside that pass.
 */
final class DatabaseProfile {

    private final Connection connection;

    DatabaseProfile(Connection connection) throws SQLException {
        this.connection = connection;
        execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }

    void reset() throws SQLException {
        execute("SELECT pg_stat_statements_reset()");
    }

    /** The {@code limit} statements with the most execution time since the last reset, one paragraph each. */
    String top(int limit) throws SQLException {
        String sql = """
                SELECT calls, total_exec_time, mean_exec_time, rows, query,
                       100 * total_exec_time / nullif(sum(total_exec_time) OVER (), 0) AS share
                FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY total_exec_time DESC
                LIMIT %d
                """.formatted(limit);
        StringBuilder out = new StringBuilder();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                out.append(String.format(Locale.ROOT, "%5.1f%%  total %,10.0f ms  calls %,9d  mean %9.2f ms  rows %,12d%n",
                        rows.getDouble(6), rows.getDouble(2), rows.getLong(1), rows.getDouble(3), rows.getLong(4)));
                String query = rows.getString(5).replaceAll("\\s+", " ").trim();
                out.append("        ").append(query.length() <= 700 ? query : query.substring(0, 697) + "...").append("\n");
            }
        }
        return out.toString();
    }

    /** Turns the logging of every statement's EXPLAIN ANALYZE plan on or off (server-wide). */
    void explainAll(boolean on) throws SQLException {
        execute("ALTER SYSTEM SET auto_explain.log_min_duration = " + (on ? "0" : "-1"));
        execute("ALTER SYSTEM SET auto_explain.log_analyze = " + (on ? "on" : "off"));
        execute("ALTER SYSTEM SET auto_explain.log_buffers = " + (on ? "on" : "off"));
        execute("SELECT pg_reload_conf()");
        // The reload reaches the other backends when they next read a command; give it a moment.
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
