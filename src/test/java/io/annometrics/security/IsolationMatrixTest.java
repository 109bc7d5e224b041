package io.annometrics.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.annometrics.support.Fixtures;
import io.annometrics.support.GraphQL;
import io.annometrics.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Every operation × every role (none, VIEWER, PRODUCER, MANAGER, global administrator) × the caller's
 * own project, someone else's, and one that does not exist. Each cell asserts allowed or denied, and
 * a denied answer for someone else's project must be byte for byte the answer for a missing one.
 */
@QuarkusTest
class IsolationMatrixTest {

    enum Outcome { ALLOWED, FORBIDDEN, NOT_FOUND }

    /** An operation against a project: document and variables. */
    record Operation(String name, String document, Function<String, Map<String, Object>> variables, String minimum) {
    }

    private static final String FILTER_VIEWS = "query($f: MetricsFilter!) { %s }";
    private static final List<Operation> OPERATIONS = List.of(
            view("activityCalendar", "activityCalendar(filter: $f) { total }"),
            view("annotationsCreated", "annotationsCreated(filter: $f) { user }"),
            view("reworks", "reworks(filter: $f) { user }"),
            view("correctionHeatmap", "correctionHeatmap(filter: $f) { editors }"),
            view("reviewHierarchy", "reviewHierarchy(filter: $f) { nodes { user } }"),
            view("correctionChord", "correctionChord(filter: $f) { users }"),
            new Operation("project", "query($p: ID!) { project(id: $p) { id } }", p -> Map.of("p", p), "VIEWER"),
            new Operation("recordEvents", Fixtures.RECORD, p -> Map.of("events", List.of(Fixtures.event(p,
                    "e-matrix", "ANNOTATION_CREATED", "a", "x", "2026-01-01T00:00:00Z"))), "PRODUCER"),
            new Operation("grantProjectRole", Fixtures.GRANT,
                    p -> Map.of("projectId", p, "user", "someone@example.com", "role", "VIEWER"), "MANAGER"),
            new Operation("projectMembers", "query($p: ID!) { projectMembers(projectId: $p) { user } }", p -> Map.of("p", p), "MANAGER"),
            new Operation("projectAuditTrail", "query($p: ID!) { projectAuditTrail(projectId: $p) { action } }",
                    p -> Map.of("p", p), "MANAGER"),
            new Operation("createProject", Fixtures.CREATE_PROJECT, p -> Map.of("id", p + "-new-" + UUID.randomUUID(), "name", "n"),
                    "ADMIN"));
    private static final List<String> ROLES = List.of("NONE", "VIEWER", "PRODUCER", "MANAGER", "ADMIN");

    private static String own;
    private static String others;

    private static Operation view(String name, String field) {
        return new Operation(name, FILTER_VIEWS.formatted(field), p -> Map.of("f", Map.of("projectId", p)), "VIEWER");
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Operation operation : OPERATIONS) {
            for (String role : ROLES) {
                cells.add(Arguments.of(operation.name(), role));
            }
        }
        return cells.stream();
    }

    @BeforeEach
    void projectsOnce() {
        if (own != null) {
            return;
        }
        own = Fixtures.project();
        others = Fixtures.project();
        for (String role : List.of("VIEWER", "PRODUCER", "MANAGER")) {
            Fixtures.grant(own, user(role), role);
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cells")
    void eachOperationForEachRole(String operationName, String role) {
        Operation operation = OPERATIONS.stream().filter(o -> o.name().equals(operationName)).findFirst().orElseThrow();
        GraphQL caller = GraphQL.as(user(role));
        String missing = "missing-" + UUID.randomUUID();

        boolean enough = ROLES.indexOf(role) >= ROLES.indexOf(operation.minimum());
        boolean projectBound = !operation.minimum().equals("ADMIN");
        Outcome onOwn = enough ? Outcome.ALLOWED
                : projectBound && role.equals("NONE") ? Outcome.NOT_FOUND : Outcome.FORBIDDEN;
        assertEquals(onOwn, outcome(send(caller, operation, own)), "own project");

        Outcome onOthers = role.equals("ADMIN") ? Outcome.ALLOWED : projectBound ? Outcome.NOT_FOUND : Outcome.FORBIDDEN;
        Response othersAnswer = send(caller, operation, others);
        assertEquals(onOthers, outcome(othersAnswer), "someone else's project");

        Response missingAnswer = send(caller, operation, missing);
        if (projectBound) {
            assertEquals(Outcome.NOT_FOUND, outcome(missingAnswer), "a project that does not exist");
            if (!role.equals("ADMIN")) {
                assertEquals(missingAnswer.asString().replace(missing, "ID"), othersAnswer.asString().replace(others, "ID"),
                        "someone else's project answers as a missing one, byte for byte");
            }
        }
    }

    private static Response send(GraphQL caller, Operation operation, String project) {
        return caller.post(operation.document(), null, operation.variables().apply(project));
    }

    private static Outcome outcome(Response response) {
        assertEquals(200, response.statusCode(), response.asString());
        JsonPath json = response.jsonPath();
        String code = json.getString("errors[0].extensions.code");
        if (code == null) {
            List<Map<String, Object>> rejected = json.getList("data.recordEvents.rejected");
            if (rejected != null && !rejected.isEmpty()) {
                String reason = (String) rejected.get(0).get("reason");
                return reason.contains("not found") ? Outcome.NOT_FOUND : Outcome.FORBIDDEN;
            }
            assertNull(json.get("errors"));
            return Outcome.ALLOWED;
        }
        return switch (code) {
            case "NOT_FOUND" -> Outcome.NOT_FOUND;
            case "FORBIDDEN" -> Outcome.FORBIDDEN;
            default -> throw new AssertionError("unexpected answer: " + response.asString());
        };
    }

    private static String user(String role) {
        return role.equals("ADMIN") ? Tokens.ADMIN : "matrix-" + role.toLowerCase();
    }
}
