package io.annometrics.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import io.annometrics.support.Tallies;
import io.quarkus.test.junit.QuarkusTest;

/** The Flyway migrations, applied to an empty database of the same server. */
@QuarkusTest
class MigrationTest {

    @Test
    void migratesAnEmptyDatabaseAndThenHasNothingLeftToDo() throws SQLException {
        String database = "migration_check_" + System.nanoTime();
        execute(url("postgres"), "CREATE DATABASE " + database);
        try {
            Flyway flyway = Flyway.configure().dataSource(url(database), user(), password())
                    .locations("classpath:db/migration").load();
            MigrateResult first = flyway.migrate();
            assertEquals(true, first.migrationsExecuted > 0);
            assertEquals(0, flyway.migrate().migrationsExecuted, "a second run has nothing to do");

            try (Connection c = DriverManager.getConnection(url(database), user(), password())) {
                assertEquals(Set.of("activity_profile", "annotation", "audit_entry", "event", "flyway_schema_history", "project",
                        "project_member", "tally"), tables(c));
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO project (id, name, created_by) VALUES ('p', 'P', 'me')");
                    String event = "INSERT INTO event (project_id, event_id, type, actor, annotation_id, occurred_at)"
                            + " VALUES ('p', 'e1', 'ANNOTATION_CREATED', 'a', 'x', now())";
                    s.execute(event);
                    SQLException duplicate = assertThrows(SQLException.class, () -> s.execute(event),
                            "the database itself refuses a second copy of an event");
                    assertEquals("23505", duplicate.getSQLState());

                    s.execute("INSERT INTO annotation (project_id, annotation_id, creator) VALUES ('p', 'x', 'a')");
                    s.execute("DELETE FROM project WHERE id = 'p'");
                    assertEquals(0, single(c, "SELECT count(*) FROM event"), "deleting a project deletes its events");
                    assertEquals(0, single(c, "SELECT count(*) FROM annotation"), "and its annotations");
                }
            }
        } finally {
            execute(url("postgres"), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void theAggregatesMigrationCountsEventsStoredBeforeIt() throws SQLException {
        String database = "migration_backfill_" + System.nanoTime();
        execute(url("postgres"), "CREATE DATABASE " + database);
        try {
            Flyway.configure().dataSource(url(database), user(), password()).locations("classpath:db/migration")
                    .target("1").load().migrate();
            execute(url(database), """
                    INSERT INTO project (id, name, created_by) VALUES ('p', 'P', 'me');
                    INSERT INTO event (project_id, event_id, type, actor, annotation_id, occurred_at) VALUES
                      ('p', 'c1', 'ANNOTATION_CREATED', 'ann', 'x', '2026-03-01T09:00:00Z'),
                      ('p', 'u1', 'ANNOTATION_UPDATED', 'rev', 'x', '2026-03-01T09:20:00Z'),
                      ('p', 'u2', 'ANNOTATION_UPDATED', 'rev', 'x', '2026-04-02T23:59:00Z'),
                      ('p', 's1', 'ANNOTATION_UPDATED', 'ann', 'x', '2026-04-03T00:00:00Z');
                    INSERT INTO annotation (project_id, annotation_id, creator, created_at, created_event_id)
                      VALUES ('p', 'x', 'ann', '2026-03-01T09:00:00Z', 'c1');
                    """);
            Flyway.configure().dataSource(url(database), user(), password()).locations("classpath:db/migration").load().migrate();
            try (Connection c = DriverManager.getConnection(url(database), user(), password())) {
                // V2 filled its per-key tables, V4 turned them into one tally row per bucket, V6 added years.
                Map<String, Long> months = Tallies.sum(c, "p", "month");
                assertEquals(4, months.get("events"));
                assertEquals(1, months.get("created"));
                assertEquals(2, months.get("rev>ann"));
                assertEquals(2, months.get("rows"), "March and April");
                assertEquals(Map.of("rows", 3L, "events", 4L, "created", 1L, "rev>ann", 2L), Tallies.sum(c, "p", "day"));
                assertEquals(Map.of("rows", 1L, "events", 4L, "created", 1L, "rev>ann", 2L), Tallies.sum(c, "p", "year"),
                        "V6 summed the months into their year");
                Map<String, Long> slots = Tallies.sum(c, "p", "slot");
                assertEquals(4, slots.get("rows"));
                assertEquals(2, slots.get("rev>ann"));
                assertEquals(false, slots.containsKey("ann>ann"), "editing one's own work is no correction");
                assertEquals(1, single(c, "SELECT slots[38] FROM activity_profile WHERE day = '2026-03-01'"), "09:20 is slot 37 (from 0)");
                assertEquals(4, single(c, "SELECT sum(s) FROM activity_profile, unnest(slots) AS s"));
            }
        } finally {
            execute(url("postgres"), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Set<String> tables(Connection connection) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user(), password()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The service's JDBC URL with another database name. */
    private static String url(String database) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }

    private static String user() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.username", String.class).orElse(null);
    }

    private static String password() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse(null);
    }
}
