package io.annometrics.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL of dev mode and tests: one server per JVM, stopped when the JVM exits.
 *
 * <ul>
 * <li>Dev mode keeps its data in {@code .annometrics/postgres} below the working directory, so that
 * what was recorded survives a restart of {@code quarkus:dev}.</li>
 * <li>Tests get a fresh, throw-away data directory: every run starts from an empty database, which
 * Flyway then migrates.</li>
 * </ul>
 * The JDBC URL of the running server is kept in a system property, so that the live reload of dev
 * mode (which loads this class again) reuses the server instead of starting a second one.
 */
public final class EmbeddedPostgresServer {

    /** System property holding the URL of the server started in this JVM. */
    public static final String RUNNING_URL_PROPERTY = "embedded-postgres.annometrics.jdbc-url";
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final Path DEV_DATA_DIRECTORY = Path.of(".annometrics", "postgres");

    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    /**
     * Starts the server unless one runs already in this JVM.
     *
     * @param persistent keep the data in {@code .annometrics/postgres} (dev mode) rather than in a
     *        temporary directory (tests)
     * @return the JDBC URL of the running server
     */
    public static synchronized String jdbcUrl(boolean persistent) {
        String running = System.getProperty(RUNNING_URL_PROPERTY);
        if (running != null) {
            return running;
        }
        server = start(persistent);
        String url = server.getJdbcUrl("postgres", "postgres");
        System.setProperty(RUNNING_URL_PROPERTY, url);
        LOG.infof("Embedded PostgreSQL %s running at %s", persistent ? "(data in " + DEV_DATA_DIRECTORY + ")" : "(throw-away data)", url);
        return url;
    }

    /** The running server, for tests that need to stop and start it; null when none was started here. */
    public static synchronized EmbeddedPostgres current() {
        return server;
    }

    private static EmbeddedPostgres start(boolean persistent) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("timezone", "UTC");
            if (persistent) {
                Files.createDirectories(DEV_DATA_DIRECTORY);
                builder.setDataDirectory(DEV_DATA_DIRECTORY.toAbsolutePath())
                        .setCleanDataDirectory(false);
            } else {
                // A test database: durability buys nothing here, speed does.
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }
}
