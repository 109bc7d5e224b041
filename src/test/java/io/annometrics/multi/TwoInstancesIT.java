package io.annometrics.multi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.annometrics.support.ServiceProcess;
import io.annometrics.support.TestIssuer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two instances of the packaged service, started at the same moment against one PostgreSQL, as two
 * Kubernetes replicas are: the migrations run once, batches ingested through both at once are all
 * stored once, and both instances give identical answers.
 */
class TwoInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VIEWS = List.of(
            "activityCalendar(filter: $f) { total days { date count } }",
            "annotationsCreated(filter: $f) { user count }",
            "reworks(filter: $f) { user count }",
            "correctionHeatmap(filter: $f) { annotators editors counts }",
            "reviewHierarchy(filter: $f) { nodes { user parent role } }",
            "correctionChord(filter: $f) { users matrix totals }");

    private static EmbeddedPostgres postgres;
    private static TestIssuer issuer;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        issuer = TestIssuer.start();
        Map<String, String> environment = Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                "QUARKUS_OIDC_AUTH_SERVER_URL", issuer.url());
        first = ServiceProcess.start("instance-a", ServiceProcess.packagedJar(), environment, "-Xmx256m");
        second = ServiceProcess.start("instance-b", ServiceProcess.packagedJar(), environment, "-Xmx256m");
        first.awaitReady(Duration.ofSeconds(90));
        second.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] { first, second, issuer, postgres }) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void migrationsRanOnceAndBothInstancesStoreAndAnswerAlike() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(
                        "SELECT count(*), count(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL AND success")) {
            rows.next();
            assertEquals(rows.getInt(2), rows.getInt(1), "every migration applied exactly once");
        }

        String admin = issuer.token("root", "annometrics-admin");
        String project = "two-instances";
        graphql(first, admin, "mutation { createProject(id: \"" + project + "\", name: \"Two\") { id } }", Map.of());

        // Every batch goes through both instances at once: each event arrives twice, concurrently.
        List<Callable<JsonNode>> sends = new ArrayList<>();
        for (int b = 0; b < 12; b++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = b * 500 + i;
                batch.add(Map.of("id", "e" + n, "projectId", project,
                        "type", n % 3 == 0 ? "ANNOTATION_CREATED" : "ANNOTATION_UPDATED",
                        "actor", "user-" + (n % 11), "annotationId", "a" + (n % 400),
                        "occurredAt", Instant.parse("2026-02-01T00:00:00Z").plusSeconds(n * 97L).toString()));
            }
            for (ServiceProcess instance : List.of(first, second)) {
                sends.add(() -> graphql(instance, admin,
                        "mutation($e: [EventInput!]!) { recordEvents(events: $e) { accepted duplicates } }", Map.of("e", batch)));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        int accepted = 0;
        int duplicates = 0;
        try {
            for (Future<JsonNode> answer : pool.invokeAll(sends)) {
                accepted += answer.get().at("/data/recordEvents/accepted").asInt();
                duplicates += answer.get().at("/data/recordEvents/duplicates").asInt();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(6000, accepted);
        assertEquals(6000, duplicates);

        Map<String, Object> filter = Map.of("f", Map.of("projectId", project, "timeZone", "Asia/Kolkata"));
        for (String view : VIEWS) {
            String query = "query($f: MetricsFilter!) { " + view + " }";
            JsonNode fromFirst = graphql(first, admin, query, filter);
            JsonNode fromSecond = graphql(second, admin, query, filter);
            assertEquals(fromFirst, fromSecond, view);
        }
        assertEquals(6000, graphql(second, admin, "query($f: MetricsFilter!) { " + VIEWS.get(0) + " }", filter)
                .at("/data/activityCalendar/total").asInt());
    }

    @Test
    void productionModeHidesIntrospection() throws Exception {
        String body = JSON.writeValueAsString(Map.of("query", "{ __schema { queryType { name } } }"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(first.url() + "/graphql"))
                .header("Authorization", "Bearer " + issuer.token("root", "annometrics-admin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(JSON.readTree(response.body()).has("errors"), response.body());
    }

    private static JsonNode graphql(ServiceProcess instance, String token, String query, Map<String, Object> variables)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        HttpRequest request = HttpRequest.newBuilder(URI.create(instance.url() + "/graphql"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = JSON.readTree(response.body());
        assertFalse(answer.has("errors"), response.body());
        return answer;
    }
}
