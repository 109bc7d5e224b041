package io.annometrics.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

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
                assertEquals(Set.of("annotation", "event", "flyway_schema_history", "project", "project_member"), tables(c));
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO project (id, name, created_by) VALUES ('p', 'P', 'me')");
                    String event = "INSERT INTO event (project_id, event_id, type, actor, annotation_id, occurred_at)"
                            + " VALUES ('p', 'e1', 'ANNOTATION_CREATED', 'a', 'x', now())";
                    s.execute(event);
                    SQLException duplicate = assertThrows(SQLException.class, () -> s.execute(event),
                            "the database itself refuses a second copy of an event");
                    assertEquals("23505", duplicate.getSQLState());
                }
            }
        } finally {
            execute(url("postgres"), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
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
