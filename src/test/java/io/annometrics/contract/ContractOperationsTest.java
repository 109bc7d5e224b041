package io.annometrics.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.annometrics.support.GraphQL;
import io.annometrics.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Sends every operation of the contract ({@code shared/contract/operations.graphql}) verbatim, as the
 * front end and the producers do, and checks that each executes without errors.
 */
@QuarkusTest
class ContractOperationsTest {

    /** The contract beside the checkout (CI and developers have it), else the copy kept in the tests. */
    private static final Path SHARED_CONTRACT = Path.of("..", "shared", "contract", "operations.graphql");
    private static final String COPY = "/contract/operations.graphql";

    private static String document;

    @BeforeAll
    static void readContract() throws IOException {
        String copy;
        try (InputStream in = ContractOperationsTest.class.getResourceAsStream(COPY)) {
            copy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (Files.exists(SHARED_CONTRACT)) {
            document = Files.readString(SHARED_CONTRACT);
            assertEquals(document, copy, "src/test/resources" + COPY + " differs from the shared contract: copy it again");
        } else {
            document = copy;
        }
    }

    @Test
    void theContractNamesTheNineOperations() {
        Matcher m = Pattern.compile("(?m)^(query|mutation)\\s+(\\w+)").matcher(document);
        Set<String> names = new LinkedHashSet<>();
        while (m.find()) {
            names.add(m.group(2));
        }
        assertEquals(Set.of("CreateProject", "Grant", "RecordEvents", "Summary", "Created", "Reworks", "Heatmap",
                "Hierarchy", "Relationship"), names);
    }

    @Test
    void everyOperationExecutesAsWritten() {
        GraphQL admin = GraphQL.as(Tokens.ADMIN);
        String projectId = "contract-" + UUID.randomUUID();

        JsonPath created = run(admin, "CreateProject", Map.of("id", projectId, "name", "Solar panels", "timeZone", "Asia/Kolkata"));
        assertEquals(projectId, created.getString("data.createProject.id"));
        assertEquals("Asia/Kolkata", created.getString("data.createProject.timeZone"));

        JsonPath granted = run(admin, "Grant", Map.of("projectId", projectId, "user", Tokens.principal("viewer"), "role", "VIEWER"));
        assertEquals("VIEWER", granted.getString("data.grantProjectRole.role"));

        List<Map<String, Object>> events = List.of(
                event(projectId, "c1", "ANNOTATION_CREATED", "marcus", "a1", "2026-03-01T09:00:00+05:30"),
                event(projectId, "c2", "ANNOTATION_UPDATED", "rachel", "a1", "2026-03-01T10:00:00+05:30"),
                event(projectId, "c3", "ANNOTATION_CREATED", "jordan", "a2", "2026-03-02T23:30:00+05:30"));
        JsonPath recorded = run(admin, "RecordEvents", Map.of("events", events));
        assertEquals(3, recorded.getInt("data.recordEvents.accepted"));

        GraphQL viewer = GraphQL.as("viewer");
        Map<String, Object> filter = Map.of("filter", Map.of("projectId", projectId, "from", "2026-03-01", "to", "2026-03-03"));
        JsonPath summary = run(viewer, "Summary", filter);
        assertEquals(3, summary.getInt("data.activityCalendar.total"));
        assertEquals(3, summary.getList("data.activityCalendar.days").size());
        assertEquals(List.of(Map.of("user", "jordan", "count", 1), Map.of("user", "marcus", "count", 1)),
                run(viewer, "Created", filter).getList("data.annotationsCreated"));
        assertEquals(List.of(Map.of("user", "rachel", "count", 1)), run(viewer, "Reworks", filter).getList("data.reworks"));
        JsonPath heatmap = run(viewer, "Heatmap", filter);
        assertEquals(List.of("marcus", "jordan"), heatmap.getList("data.correctionHeatmap.annotators"));
        assertEquals(List.of("rachel"), heatmap.getList("data.correctionHeatmap.editors"));
        assertEquals(List.of(List.of(1), List.of(0)), heatmap.getList("data.correctionHeatmap.counts"));
        assertEquals(3, run(viewer, "Hierarchy", filter).getList("data.reviewHierarchy.nodes").size());
        JsonPath chord = run(viewer, "Relationship", filter);
        assertEquals(List.of("marcus", "rachel"), chord.getList("data.correctionChord.users"));
        assertEquals(List.of(1, 1), chord.getList("data.correctionChord.totals"));
    }

    private static JsonPath run(GraphQL client, String operation, Map<String, Object> variables) {
        JsonPath json = client.post(document, operation, variables).then().statusCode(200).extract().jsonPath();
        assertNull(json.get("errors"), () -> operation + " answered errors: " + json.prettify());
        assertTrue(json.getMap("data") != null, operation + " answered no data");
        return json;
    }

    private static Map<String, Object> event(String projectId, String id, String type, String actor, String annotationId,
            String occurredAt) {
        return Map.of("id", id, "projectId", projectId, "type", type, "actor", actor, "annotationId", annotationId,
                "occurredAt", occurredAt);
    }
}
