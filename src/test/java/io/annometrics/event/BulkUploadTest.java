package io.annometrics.event;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.annometrics.support.Fixtures;
import io.annometrics.support.GraphQL;
import io.annometrics.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** POST /api/v1/events: NDJSON uploads with the semantics of RecordEvents and a per-line report. */
@QuarkusTest
class BulkUploadTest {

    private static JsonPath upload(String user, byte[] body, int status) {
        return given().auth().oauth2(Tokens.of(user)).contentType("application/x-ndjson").body(body)
                .post("/api/v1/events").then().statusCode(status).extract().jsonPath();
    }

    private static String line(String project, String id, String type, String actor, String annotation, String at) {
        return "{\"id\":\"%s\",\"projectId\":\"%s\",\"type\":\"%s\",\"actor\":\"%s\",\"annotationId\":\"%s\",\"occurredAt\":\"%s\"}\n"
                .formatted(id, project, type, actor, annotation, at);
    }

    @Test
    void storesEveryGoodLineAndReportsEveryBadOneByLineNumber() throws Exception {
        String project = Fixtures.project();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(line(project, "c1", "ANNOTATION_CREATED", "ann", "x", "2026-03-01T09:00:00Z").getBytes(StandardCharsets.UTF_8));
        body.write("\n".getBytes());                                                      // line 2: blank, skipped
        body.write("{not json}\n".getBytes());                                            // line 3
        body.write(new byte[] { '{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n' }); // line 4: bad UTF-8
        body.write(line(project, "u1", "ANNOTATION_UPDATED", "Zoë", "x", "2026-03-01T10:00:00Z").getBytes(StandardCharsets.UTF_8)); // UTF-8 beyond ASCII
        body.write(line(project, "u2", "ANNOTATION_PAINTED", "rev", "x", "2026-03-01T10:00:00Z").getBytes(StandardCharsets.UTF_8));
        body.write(line(project, "c1", "ANNOTATION_CREATED", "ann", "x", "2026-03-01T09:00:00Z").getBytes(StandardCharsets.UTF_8));
        body.write(line("elsewhere", "e1", "ANNOTATION_CREATED", "ann", "x", "2026-03-01T09:00:00Z").trim().getBytes(StandardCharsets.UTF_8));

        JsonPath report = upload(Tokens.ADMIN, body.toByteArray(), 200);
        assertEquals(8, report.getLong("lines"));
        assertEquals(2, report.getLong("accepted"));
        assertEquals(1, report.getLong("duplicates"));
        assertEquals(4, report.getLong("rejected"));
        assertEquals(List.of(3, 4, 6, 8), report.getList("rejections.line"));
        assertTrue(report.getString("rejections[0].reason").contains("not a JSON event object"));
        assertTrue(report.getString("rejections[1].reason").contains("UTF-8"));
        assertTrue(report.getString("rejections[2].reason").contains("unknown"));
        assertTrue(report.getString("rejections[3].reason").contains("not found"));

        List<Map<String, Object>> reworks = GraphQL.as(Tokens.ADMIN)
                .ok("query($f: MetricsFilter!) { reworks(filter: $f) { user count } }", Map.of("f", Map.of("projectId", project)))
                .getList("data.reworks");
        assertEquals(List.of(Map.of("user", "Zoë", "count", 1)), reworks);
    }

    @Test
    void aLargeUploadIsCutIntoBatchesAndEveryEventCountedOnce() {
        String project = Fixtures.project();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 12_345; i++) {
            body.append(line(project, "e" + i, i % 4 == 0 ? "ANNOTATION_CREATED" : "ANNOTATION_UPDATED", "user-" + (i % 9),
                    "a" + (i % 700), "2026-02-01T00:00:00Z".replace("00:00:00", "%02d:%02d:00".formatted(i / 60 % 24, i % 60))));
        }
        JsonPath report = upload(Tokens.ADMIN, body.toString().getBytes(StandardCharsets.UTF_8), 200);
        assertEquals(12_345, report.getLong("accepted"));
        JsonPath again = upload(Tokens.ADMIN, body.toString().getBytes(StandardCharsets.UTF_8), 200);
        assertEquals(0, again.getLong("accepted"));
        assertEquals(12_345, again.getLong("duplicates"));
        assertEquals(12_345, GraphQL.as(Tokens.ADMIN).ok("query($f: MetricsFilter!) { activityCalendar(filter: $f) { total } }",
                Map.of("f", Map.of("projectId", project))).getInt("data.activityCalendar.total"));
    }

    @Test
    void needsATokenAndThePRODUCERRole() {
        String project = Fixtures.project();
        Fixtures.grant(project, "bulk-viewer", "VIEWER");
        byte[] body = line(project, "c1", "ANNOTATION_CREATED", "ann", "x", "2026-03-01T09:00:00Z").getBytes(StandardCharsets.UTF_8);
        given().contentType("application/x-ndjson").body(body).post("/api/v1/events").then().statusCode(401);
        JsonPath report = upload("bulk-viewer", body, 200);
        assertEquals(0, report.getLong("accepted"));
        assertTrue(report.getString("rejections[0].reason").contains("PRODUCER"));
        JsonPath outsider = upload("bulk-outsider", body, 200);
        assertTrue(outsider.getString("rejections[0].reason").contains("not found"));
    }
}
