package io.annometrics.http;

import static io.annometrics.support.Fixtures.RECORD;
import static io.annometrics.support.Fixtures.event;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.annometrics.support.Fixtures;
import io.annometrics.support.GraphQL;
import io.annometrics.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** One test per kind of bad input: each gets a clear error, and nothing is stored wrongly. */
@QuarkusTest
class BadInputCatalogueTest {

    private static final String SUMMARY = "query($f: MetricsFilter!) { activityCalendar(filter: $f) { total } }";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void malformedJson() {
        given().auth().oauth2(Tokens.of(Tokens.ADMIN)).contentType("application/json").body("{\"query\": \"{ projects { id } }\"")
                .post("/graphql").then().statusCode(400);
    }

    @Test
    void wrongTypes() {
        JsonPath answer = GraphQL.as(Tokens.ADMIN).send(RECORD, Map.of("events", "not a list of events"));
        assertNotNull(answer.get("errors"));
        JsonPath filter = GraphQL.as(Tokens.ADMIN).send(SUMMARY, Map.of("f", Map.of("projectId", List.of(1, 2))));
        assertNotNull(filter.get("errors"));
    }

    @Test
    void oversizedStrings() throws SQLException {
        String project = Fixtures.project();
        Map<String, Object> huge = event(project, "x".repeat(201), "ANNOTATION_CREATED", "a".repeat(201), "n", "2026-01-01T00:00:00Z");
        JsonPath result = Fixtures.record(List.of(huge));
        assertEquals(1, result.getList("rejected").size());
        assertTrue(result.getString("rejected[0].reason").contains("at most 200"));
        assertEquals(0, stored(project));
    }

    @Test
    void nulBytes() throws SQLException {
        String project = Fixtures.project();
        JsonPath result = Fixtures.record(List.of(event(project, "e\u00001", "ANNOTATION_CREATED", "a", "n", "2026-01-01T00:00:00Z")));
        assertTrue(result.getString("rejected[0].reason").contains("NUL"));
        assertEquals("BAD_REQUEST", GraphQL.as(Tokens.ADMIN).errorCode(Fixtures.CREATE_PROJECT,
                Map.of("id", "nul\u0000id", "name", "x")));
        assertEquals(0, stored(project));
    }

    @Test
    void invalidUtf8InNdjson() throws SQLException {
        String project = Fixtures.project();
        byte[] valid = ("{\"id\":\"e1\",\"projectId\":\"" + project
                + "\",\"type\":\"ANNOTATION_CREATED\",\"actor\":\"a\",\"annotationId\":\"n\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[valid.length + 4];
        System.arraycopy(valid, 0, body, 0, valid.length);
        body[valid.length] = (byte) 0xFF;
        body[valid.length + 1] = (byte) 0xFE;
        body[valid.length + 2] = '}';
        body[valid.length + 3] = '\n';
        JsonPath report = given().auth().oauth2(Tokens.of(Tokens.ADMIN)).contentType("application/x-ndjson").body(body)
                .post("/api/v1/events").then().statusCode(200).extract().jsonPath();
        assertEquals(1, report.getLong("accepted"));
        assertEquals(2, report.getInt("rejections[0].line"));
        assertTrue(report.getString("rejections[0].reason").contains("UTF-8"));
        assertEquals(1, stored(project));
    }

    @Test
    void badZonesAndDates() {
        String project = Fixtures.project();
        for (Map<String, Object> filter : List.<Map<String, Object>> of(
                Map.of("projectId", project, "timeZone", "Europe/Atlantis"),
                Map.of("projectId", project, "from", "2026-02-30"),
                Map.of("projectId", project, "to", "yesterday"),
                Map.of("projectId", project, "from", "2026-05-02", "to", "2026-05-01"))) {
            assertEquals("BAD_REQUEST", GraphQL.as(Tokens.ADMIN).errorCode(SUMMARY, Map.of("f", filter)), filter.toString());
        }
        assertEquals("BAD_REQUEST", GraphQL.as(Tokens.ADMIN).errorCode(Fixtures.CREATE_PROJECT,
                Map.of("id", "zoned", "name", "x", "timeZone", "Mars/Base")));
        Map<String, Object> badTime = event(project, "e1", "ANNOTATION_CREATED", "a", "n", "2026-02-30T10:00:00Z");
        assertTrue(Fixtures.record(List.of(badTime)).getString("rejected[0].reason").contains("occurredAt"));
    }

    @Test
    void negativeOrHugeLimits() {
        String project = Fixtures.project();
        String trail = "query($p: ID!, $n: Int) { projectAuditTrail(projectId: $p, limit: $n) { action } }";
        assertEquals("BAD_REQUEST", GraphQL.as(Tokens.ADMIN).errorCode(trail, Map.of("p", project, "n", -5)));
        assertEquals("BAD_REQUEST", GraphQL.as(Tokens.ADMIN).errorCode(trail, Map.of("p", project, "n", 2_000_000_000)));
        assertNotNull(GraphQL.as(Tokens.ADMIN).send(trail, Map.of("p", project, "n", 99_999_999_999L)).get("errors"),
                "beyond Int: a validation error");
    }

    @Test
    void unknownEnumValues() throws SQLException {
        String project = Fixtures.project();
        Map<String, Object> grant = new HashMap<>(Map.of("projectId", project, "user", "x@example.com", "role", "OWNER"));
        JsonPath answer = GraphQL.as(Tokens.ADMIN).send(Fixtures.GRANT, grant);
        assertNotNull(answer.get("errors"));
        assertTrue(answer.getString("errors[0].message").contains("OWNER"));
        JsonPath rejected = Fixtures.record(List.of(event(project, "e1", "ANNOTATION_EXPLODED", "a", "n", "2026-01-01T00:00:00Z")));
        assertTrue(rejected.getString("rejected[0].reason").contains("unknown"));
        assertEquals(0, stored(project));
    }

    private long stored(String project) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM event WHERE project_id = '" + project + "'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
