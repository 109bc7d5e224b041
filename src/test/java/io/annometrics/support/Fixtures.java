package io.annometrics.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

/** Projects, roles and events for tests, made through the public GraphQL API. */
public final class Fixtures {

    public static final String CREATE_PROJECT = """
            mutation CreateProject($id: ID!, $name: String!, $timeZone: String) {
              createProject(id: $id, name: $name, timeZone: $timeZone) { id name timeZone }
            }""";
    public static final String GRANT = """
            mutation Grant($projectId: ID!, $user: String!, $role: ProjectRole!) {
              grantProjectRole(projectId: $projectId, user: $user, role: $role) { user role }
            }""";
    public static final String RECORD = """
            mutation RecordEvents($events: [EventInput!]!) {
              recordEvents(events: $events) { accepted duplicates rejected { index id reason } }
            }""";

    private Fixtures() {
    }

    /** A new project with a unique id, created by the administrator. */
    public static String project(String timeZone) {
        String id = "p-" + UUID.randomUUID();
        Map<String, Object> variables = new HashMap<>();
        variables.put("id", id);
        variables.put("name", "Project " + id);
        variables.put("timeZone", timeZone);
        GraphQL.as(Tokens.ADMIN).ok(CREATE_PROJECT, variables);
        return id;
    }

    public static String project() {
        return project(null);
    }

    /** Gives the test user {@code name} a role in the project. */
    public static void grant(String projectId, String name, String role) {
        GraphQL.as(Tokens.ADMIN).ok(GRANT, Map.of("projectId", projectId, "user", Tokens.principal(name), "role", role));
    }

    /** Records the events as the administrator and answers the recordEvents result. */
    public static JsonPath record(List<Map<String, Object>> events) {
        return GraphQL.as(Tokens.ADMIN).ok(RECORD, Map.of("events", events)).setRootPath("data.recordEvents");
    }

    /** An event map as a producer sends it. */
    public static Map<String, Object> event(String projectId, String id, String type, String actor, String annotationId,
            String occurredAt) {
        Map<String, Object> event = new HashMap<>();
        event.put("id", id);
        event.put("projectId", projectId);
        event.put("type", type);
        event.put("actor", actor);
        event.put("annotationId", annotationId);
        event.put("occurredAt", occurredAt);
        return event;
    }
}
