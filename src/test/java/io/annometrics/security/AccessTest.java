package io.annometrics.security;

import static io.annometrics.support.Fixtures.CREATE_PROJECT;
import static io.annometrics.support.Fixtures.GRANT;
import static io.annometrics.support.Fixtures.RECORD;
import static io.annometrics.support.Fixtures.event;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.annometrics.support.Fixtures;
import io.annometrics.support.GraphQL;
import io.annometrics.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;

/** Bearer tokens and project roles, end to end with real signed tokens. */
@QuarkusTest
class AccessTest {

    private static final String PROJECT_QUERY = "query P($id: ID!) { project(id: $id) { id name } }";
    private static final String SUMMARY = "query S($p: ID!) { activityCalendar(filter: {projectId: $p}) { total } }";

    @Test
    void withoutATokenTheAnswerIsHttp401() {
        GraphQL.withToken(null).post("{ projects { id } }", null, null).then().statusCode(401);
    }

    @Test
    void withAMalformedTokenTheAnswerIsHttp401() {
        GraphQL.withToken("not-a-jwt").post("{ projects { id } }", null, null).then().statusCode(401);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedWithHttp401() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair foreign = generator.generateKeyPair();
        String forged = Jwt.issuer(Tokens.authServerUrl())
                .upn(Tokens.principal(Tokens.ADMIN))
                .claim("preferred_username", Tokens.principal(Tokens.ADMIN))
                .groups("annometrics-admin")
                .expiresAt(Instant.now().plusSeconds(600))
                .jws().keyId("forged").sign(foreign.getPrivate());
        GraphQL.withToken(forged).post("{ projects { id } }", null, null).then().statusCode(401);
    }

    @Test
    void anExpiredTokenIsRefusedWithHttp401() throws Exception {
        // Re-sign nothing: take a real token and tamper with its payload; the signature no longer matches.
        String token = Tokens.of("tamperer");
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        String tampered = payload.replace("tamperer@example.com", "root@example.com");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(tampered.getBytes())
                + "." + parts[2];
        GraphQL.withToken(forged).post("{ projects { id } }", null, null).then().statusCode(401);
    }

    @Test
    void theSchemaDocumentIsPublic() {
        given().get("/graphql/schema.graphql").then().statusCode(200);
    }

    @Test
    void onlyAnAdministratorCreatesProjects() {
        String code = GraphQL.as("someone").errorCode(CREATE_PROJECT, Map.of("id", "not-allowed", "name", "x"));
        assertEquals("FORBIDDEN", code);
    }

    @Test
    void theTokensPrincipalClaimNamesTheUser() {
        String project = Fixtures.project();
        Fixtures.grant(project, "manager", "MANAGER");
        JsonPath members = GraphQL.as("manager").ok("query M($p: ID!) { projectMembers(projectId: $p) { user role } }",
                Map.of("p", project));
        assertEquals(List.of(Map.of("user", "manager@example.com", "role", "MANAGER")), members.getList("data.projectMembers"));
    }

    @Test
    void rolesAllowWhatTheyShouldAndNoMore() {
        String project = Fixtures.project();
        Fixtures.grant(project, "viewer", "VIEWER");
        Fixtures.grant(project, "producer", "PRODUCER");
        Fixtures.grant(project, "manager", "MANAGER");
        Map<String, Object> grantVars = Map.of("projectId", project, "user", "newcomer@example.com", "role", "VIEWER");
        Map<String, Object> recordVars = Map.of("events",
                List.of(event(project, "e-" + System.nanoTime(), "ANNOTATION_CREATED", "a", "x", "2026-01-01T00:00:00Z")));

        GraphQL.as("viewer").ok(SUMMARY, Map.of("p", project));
        assertEquals("FORBIDDEN", GraphQL.as("viewer").errorCode(RECORD, recordVars));
        assertEquals("FORBIDDEN", GraphQL.as("viewer").errorCode(GRANT, grantVars));

        assertEquals(1, GraphQL.as("producer").ok(RECORD, recordVars).getInt("data.recordEvents.accepted"));
        GraphQL.as("producer").ok(SUMMARY, Map.of("p", project));
        assertEquals("FORBIDDEN", GraphQL.as("producer").errorCode(GRANT, grantVars));

        assertEquals("newcomer@example.com", GraphQL.as("manager").ok(GRANT, grantVars).getString("data.grantProjectRole.user"));
        assertEquals(1, GraphQL.as("manager").ok(RECORD, recordVars).getInt("data.recordEvents.duplicates"));
    }

    @Test
    void aNonMemberLearnsNothingAboutAProject() {
        String project = Fixtures.project();
        String missing = "does-not-exist-" + System.nanoTime();
        GraphQL outsider = GraphQL.as("outsider");

        for (String document : List.of(PROJECT_QUERY, SUMMARY)) {
            String existing = outsider.post(document, null, Map.of("id", project, "p", project)).asString();
            String nonexistent = outsider.post(document, null, Map.of("id", missing, "p", missing)).asString();
            assertTrue(existing.contains("NOT_FOUND"), existing);
            assertEquals(nonexistent, existing, "someone else's project answers byte for byte as a missing one");
        }

        Map<String, Object> grantVars = Map.of("projectId", project, "user", "me@example.com", "role", "MANAGER");
        Map<String, Object> grantMissing = Map.of("projectId", missing, "user", "me@example.com", "role", "MANAGER");
        assertEquals(outsider.post(GRANT, null, grantMissing).asString(), outsider.post(GRANT, null, grantVars).asString());

        JsonPath rejected = outsider.ok(RECORD, Map.of("events", List.of(
                event(project, "e1", "ANNOTATION_CREATED", "a", "x", "2026-01-01T00:00:00Z"),
                event(missing, "e1", "ANNOTATION_CREATED", "a", "x", "2026-01-01T00:00:00Z"))));
        List<Map<String, Object>> reasons = rejected.getList("data.recordEvents.rejected");
        assertEquals(2, reasons.size());
        assertEquals(((String) reasons.get(1).get("reason")).replace(missing, "ID"),
                ((String) reasons.get(0).get("reason")).replace(project, "ID"));
        assertTrue(((String) reasons.get(0).get("reason")).contains("not found"));
    }
}
