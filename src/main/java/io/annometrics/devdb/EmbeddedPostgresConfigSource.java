package io.annometrics.devdb;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.LaunchMode;

/**
 * Supplies the datasource settings of an embedded PostgreSQL in dev mode and in tests, so that
 * {@code ./mvnw quarkus:dev} and {@code ./mvnw verify} need neither an installed PostgreSQL nor Docker.
 *
 * <p>It answers only when asked for a datasource setting that no other source provides: an
 * environment variable such as {@code QUARKUS_DATASOURCE_JDBC_URL} (ordinal 300) or a system property
 * always wins, and then no embedded server is started. It never answers in production mode, where
 * the embedded server classes are not even packaged (the dependency has scope {@code provided}); the
 * server itself is only touched through {@link EmbeddedPostgresServer}, loaded lazily.
 */
public class EmbeddedPostgresConfigSource implements ConfigSource {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String USERNAME = "quarkus.datasource.username";
    static final String PASSWORD = "quarkus.datasource.password";
    private static final Set<String> KEYS = Set.of(JDBC_URL, USERNAME, PASSWORD);
    private static final String SERVER_CLASS = "io.annometrics.devdb.EmbeddedPostgresServer";

    @Override
    public Set<String> getPropertyNames() {
        return active() ? KEYS : Set.of();
    }

    @Override
    public Map<String, String> getProperties() {
        // Listing the properties must not start a server; values are produced on demand.
        return Map.of();
    }

    @Override
    public String getValue(String propertyName) {
        if (!KEYS.contains(propertyName) || !active()) {
            return null;
        }
        return switch (propertyName) {
            case JDBC_URL -> startedServerUrl();
            case USERNAME, PASSWORD -> "postgres";
            default -> null;
        };
    }

    @Override
    public String getName() {
        return "annometrics-embedded-postgres";
    }

    @Override
    public int getOrdinal() {
        // Below application.properties (250) and environment variables (300).
        return 100;
    }

    private static boolean active() {
        LaunchMode mode = LaunchMode.current();
        return (mode == LaunchMode.DEVELOPMENT || mode == LaunchMode.TEST) && embeddedServerAvailable();
    }

    private static boolean embeddedServerAvailable() {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", false,
                    EmbeddedPostgresConfigSource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String startedServerUrl() {
        try {
            // Called by name so that nothing links the production application to the embedded server.
            Class<?> type = Class.forName(SERVER_CLASS, true, EmbeddedPostgresConfigSource.class.getClassLoader());
            return (String) type.getMethod("jdbcUrl", boolean.class)
                    .invoke(null, LaunchMode.current() == LaunchMode.DEVELOPMENT);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL: " + e.getCause(), e);
        }
    }
}
