package io.annometrics.multi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.annometrics.support.ServiceProcess;
import io.annometrics.support.Tallies;
import io.annometrics.support.TestIssuer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL stops and starts again in the middle of a stream of batches from a producer that
 * retries what failed: afterwards the stored events are exactly the ones sent, none lost and none
 * twice. Meanwhile readiness goes down and comes back with the database; liveness stays up.
 */
class DatabaseOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int BATCHES = 60;
    private static final int BATCH_SIZE = 200;

    @Test
    void aRetryingProducerLosesNothingAndStoresNothingTwiceAcrossAnOutage() throws Exception {
        Path data = Path.of("target", "outage-postgres-" + System.nanoTime());
        int port = freePort();
        EmbeddedPostgres postgres = startPostgres(data, port);
        try (TestIssuer issuer = TestIssuer.start();
                ServiceProcess service = ServiceProcess.start("outage", ServiceProcess.packagedJar(), Map.of(
                        "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                        "QUARKUS_DATASOURCE_USERNAME", "postgres",
                        "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                        "QUARKUS_OIDC_AUTH_SERVER_URL", issuer.url()), "-Xmx256m")) {
            service.awaitReady(Duration.ofSeconds(90));
            String token = issuer.token("root", "annometrics-admin");
            graphql(service, token, "mutation { createProject(id: \"outage\", name: \"Outage\") { id } }", Map.of());

            AtomicInteger sent = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> produce(service, token, sent, failures));

            awaitTrue(() -> sent.get() >= 10, Duration.ofSeconds(60), "the producer got going");
            postgres.close();
            awaitTrue(() -> status(service, "/q/health/ready") == 503, Duration.ofSeconds(30), "readiness goes down");
            assertEquals(200, status(service, "/q/health/live"), "liveness stays up while the database is away");
            Thread.sleep(3000);
            postgres = startPostgres(data, port);
            awaitTrue(() -> status(service, "/q/health/ready") == 200, Duration.ofSeconds(60), "readiness comes back");

            producer.get(3, TimeUnit.MINUTES);
            assertTrue(failures.get() > 0, "some batches failed during the outage and were retried");
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT count(*), count(DISTINCT event_id)"
                            + " FROM event WHERE project_id = 'outage'")) {
                rows.next();
                assertEquals(BATCHES * BATCH_SIZE, rows.getInt(1), "every event sent is stored");
                assertEquals(BATCHES * BATCH_SIZE, rows.getInt(2), "none twice");
                assertEquals(BATCHES * BATCH_SIZE, Tallies.sum(c, "outage", "month").get("events"), "the aggregates count each once");
            }
        } finally {
            postgres.close();
        }
    }

    /** Sends every batch once it has succeeded, retrying each failed one as a real producer does. */
    private static void produce(ServiceProcess service, String token, AtomicInteger sent, AtomicInteger failures) {
        for (int b = 0; b < BATCHES; b++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < BATCH_SIZE; i++) {
                int n = b * BATCH_SIZE + i;
                batch.add(Map.of("id", "e" + n, "projectId", "outage", "type", n % 2 == 0 ? "ANNOTATION_CREATED" : "ANNOTATION_UPDATED",
                        "actor", "user-" + (n % 5), "annotationId", "a" + (n / 2),
                        "occurredAt", Instant.parse("2026-02-01T00:00:00Z").plusSeconds(n).toString()));
            }
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (true) {
                try {
                    JsonNode answer = graphql(service, token,
                            "mutation($e: [EventInput!]!) { recordEvents(events: $e) { accepted duplicates } }", Map.of("e", batch));
                    if (!answer.has("errors")) {
                        break;
                    }
                } catch (IOException | RuntimeException e) {
                    // the service itself unreachable: retry as well
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                failures.incrementAndGet();
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("batch " + b + " never got through");
                }
                sleep(250);
            }
            sent.incrementAndGet();
        }
    }

    private static EmbeddedPostgres startPostgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static JsonNode graphql(ServiceProcess service, String token, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.url() + "/graphql"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables))))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static int status(ServiceProcess service, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
