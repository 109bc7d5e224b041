package io.annometrics.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.annometrics.support.Fixtures;
import io.annometrics.support.GraphQL;
import io.annometrics.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Project creation and every grant are recorded, and the project's MANAGERs can read them. */
@QuarkusTest
class AuditTrailTest {

    private static final String TRAIL = """
            query T($p: ID!, $limit: Int) {
              projectAuditTrail(projectId: $p, limit: $limit) { at actor action subject role previousRole }
            }""";

    @Test
    void managersReadWhoDidWhatAndWhen() {
        String project = Fixtures.project();
        Fixtures.grant(project, "auditor", "MANAGER");
        Fixtures.grant(project, "junior", "VIEWER");
        Fixtures.grant(project, "junior", "PRODUCER");

        List<Map<String, Object>> trail = GraphQL.as("auditor").ok(TRAIL, Map.of("p", project)).getList("data.projectAuditTrail");
        assertEquals(4, trail.size());
        Map<String, Object> newest = trail.get(0);
        assertEquals("ROLE_GRANTED", newest.get("action"));
        assertEquals("junior@example.com", newest.get("subject"));
        assertEquals("PRODUCER", newest.get("role"));
        assertEquals("VIEWER", newest.get("previousRole"));
        assertEquals("root@example.com", newest.get("actor"));
        assertNotNull(newest.get("at"));
        assertEquals("PROJECT_CREATED", trail.get(3).get("action"));

        assertEquals(1, GraphQL.as("auditor").ok(TRAIL, Map.of("p", project, "limit", 1)).getList("data.projectAuditTrail").size());
    }

    @Test
    void othersMayNotReadIt() {
        String project = Fixtures.project();
        Fixtures.grant(project, "producer-only", "PRODUCER");
        assertEquals("FORBIDDEN", GraphQL.as("producer-only").errorCode(TRAIL, Map.of("p", project)));
        assertEquals("NOT_FOUND", GraphQL.as("stranger").errorCode(TRAIL, Map.of("p", project)));
    }

    @Test
    void aLimitOutOfRangeIsABadRequest() {
        String project = Fixtures.project();
        assertEquals("BAD_REQUEST", GraphQL.as(Tokens.ADMIN).errorCode(TRAIL, Map.of("p", project, "limit", -1)));
        assertEquals("BAD_REQUEST", GraphQL.as(Tokens.ADMIN).errorCode(TRAIL, Map.of("p", project, "limit", 1_000_000)));
    }
}
