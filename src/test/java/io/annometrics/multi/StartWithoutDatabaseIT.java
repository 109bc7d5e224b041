package io.annometrics.multi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.annometrics.support.ServiceProcess;
import io.annometrics.support.TestIssuer;

/** In production mode, without a database URL the service stops at start and says which setting is missing. */
class StartWithoutDatabaseIT {

    @Test
    void stopsAtStartNamingTheSetting() throws Exception {
        try (TestIssuer issuer = TestIssuer.start();
                ServiceProcess service = ServiceProcess.start("no-database", ServiceProcess.packagedJar(),
                        Map.of("QUARKUS_OIDC_AUTH_SERVER_URL", issuer.url()), "-Xmx128m")) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (service.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertTrue(!service.isAlive(), "the service must not keep running without a database");
            String log = service.log();
            assertTrue(log.contains("quarkus.datasource.jdbc.url"), log);
        }
    }
}
