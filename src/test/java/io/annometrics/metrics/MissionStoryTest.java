package io.annometrics.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.annometrics.support.Fixtures;
import io.annometrics.support.GraphQL;
import io.annometrics.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The story from the mission, told through RecordEvents and read back through all six views: Rachel,
 * the lead, makes 58 of the team's 62 corrections; Marcus, a junior, has 26 corrections to his work;
 * Jordan, a contractor working at odd hours, is never reviewed and shows as UNCONNECTED.
 */
@QuarkusTest
class MissionStoryTest {

    private static final ZoneId TEAM_ZONE = ZoneId.of("Asia/Kolkata");
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 9, 1);
    /** Who corrects whom, and how often: 58 by Rachel, 4 by Kevin. */
    private static final Map<String, Map<String, Integer>> CORRECTIONS = Map.of(
            "rachel", Map.of("marcus", 24, "aisha", 15, "kevin", 19),
            "kevin", Map.of("marcus", 2, "aisha", 1, "rachel", 1));
    private static final Map<String, Integer> CREATED = Map.of(
            "marcus", 40, "aisha", 30, "kevin", 25, "rachel", 5, "jordan", 35);

    private static String project;
    private static int eventCount;
    private static Map<String, Object> filter;

    /** Told once for all tests of the class (RestAssured is set up per test, so not in @BeforeAll). */
    @BeforeEach
    void tellTheStoryOnce() {
        if (project != null) {
            return;
        }
        project = Fixtures.project(TEAM_ZONE.getId());
        Fixtures.grant(project, "lead", "VIEWER");
        List<Map<String, Object>> events = new ArrayList<>();
        Map<String, List<String>> annotationsOf = new HashMap<>();
        int[] n = { 0 };
        // Each person creates annotations during working hours over three weeks; Jordan at 02:00-04:00.
        CREATED.forEach((user, count) -> {
            for (int i = 0; i < count; i++) {
                String annotation = user + "-ann-" + i;
                annotationsOf.computeIfAbsent(user, u -> new ArrayList<>()).add(annotation);
                int hour = user.equals("jordan") ? 2 + i % 2 : 9 + i % 8;
                events.add(event("ANNOTATION_CREATED", user, annotation, FIRST_DAY.plusDays(i % 21), hour, n[0]++));
            }
        });
        // Corrections spread over the annotations of each author, a few days after creation.
        CORRECTIONS.forEach((editor, byAuthor) -> byAuthor.forEach((author, count) -> {
            List<String> annotations = annotationsOf.get(author);
            for (int i = 0; i < count; i++) {
                String type = i % 5 == 4 ? "ANNOTATION_DELETED" : "ANNOTATION_UPDATED";
                events.add(event(type, editor, annotations.get(i % annotations.size()), FIRST_DAY.plusDays(3 + i % 18), 11, n[0]++));
            }
        }));
        // Things that are not corrections: self-edits and reviews.
        for (int i = 0; i < 10; i++) {
            events.add(event("ANNOTATION_UPDATED", "marcus", "marcus-ann-" + i, FIRST_DAY.plusDays(i), 15, n[0]++));
            events.add(event("ANNOTATION_ACCEPTED", "rachel", "aisha-ann-" + i, FIRST_DAY.plusDays(i + 1), 16, n[0]++));
            events.add(event("ANNOTATION_REJECTED", "kevin", "marcus-ann-" + i, FIRST_DAY.plusDays(i + 1), 17, n[0]++));
        }
        eventCount = events.size();
        // Sent in reverse order, so that corrections arrive before the creations they refer to.
        List<Map<String, Object>> reversed = new ArrayList<>(events);
        java.util.Collections.reverse(reversed);
        JsonPath result = Fixtures.record(reversed);
        assertEquals(eventCount, result.getInt("accepted"));
        filter = Map.of("filter", Map.of("projectId", project, "from", "2026-09-01", "to", "2026-09-30"));
    }

    private static Map<String, Object> event(String type, String actor, String annotation, LocalDate day, int hour, int n) {
        String at = day.atTime(hour, n % 60).atZone(TEAM_ZONE).toOffsetDateTime().toString();
        return Fixtures.event(project, "story-" + n, type, actor, annotation, at);
    }

    private static JsonPath view(String query) {
        return GraphQL.as("lead").ok(query, filter);
    }

    @Test
    void reworksShowRachelDoing58OfThe62Corrections() {
        List<Map<String, Object>> reworks = view("query($filter: MetricsFilter!) { reworks(filter: $filter) { user count } }")
                .getList("data.reworks");
        assertEquals(List.of(Map.of("user", "rachel", "count", 58), Map.of("user", "kevin", "count", 4)), reworks);
    }

    @Test
    void theHeatmapShowsMarcusWith26CorrectionsAndAnEmptyRowForJordan() {
        JsonPath heatmap = view("query($filter: MetricsFilter!) { correctionHeatmap(filter: $filter) { annotators editors counts } }")
                .setRootPath("data.correctionHeatmap");
        List<String> annotators = heatmap.getList("annotators");
        List<List<Integer>> counts = heatmap.getList("counts");
        assertEquals(List.of("marcus", "kevin", "aisha", "rachel", "jordan"), annotators);
        assertEquals(List.of("rachel", "kevin"), heatmap.getList("editors"));
        assertEquals(List.of(24, 2), counts.get(annotators.indexOf("marcus")));
        assertEquals(26, counts.get(annotators.indexOf("marcus")).stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of(0, 0), counts.get(annotators.indexOf("jordan")));
    }

    @Test
    void theHierarchyPutsRachelOnTopAndJordanOutside() {
        List<Map<String, Object>> nodes = view("query($filter: MetricsFilter!) { reviewHierarchy(filter: $filter) { nodes { user parent role } } }")
                .getList("data.reviewHierarchy.nodes");
        Map<String, Map<String, Object>> byUser = new HashMap<>();
        nodes.forEach(node -> byUser.put((String) node.get("user"), node));
        assertEquals(5, nodes.size());
        assertNull(byUser.get("rachel").get("parent"));
        assertEquals("SUPERVISOR", byUser.get("rachel").get("role"));
        for (String member : List.of("marcus", "aisha", "kevin")) {
            assertEquals("rachel", byUser.get(member).get("parent"), member);
            assertEquals("SPECIALIST", byUser.get(member).get("role"), member);
        }
        assertNull(byUser.get("jordan").get("parent"));
        assertEquals("UNCONNECTED", byUser.get("jordan").get("role"));
    }

    @Test
    void theChordLeavesJordanOutAndSizesArcsByInvolvement() {
        JsonPath chord = view("query($filter: MetricsFilter!) { correctionChord(filter: $filter) { users matrix totals } }")
                .setRootPath("data.correctionChord");
        assertEquals(List.of("rachel", "marcus", "kevin", "aisha"), chord.getList("users"));
        assertEquals(List.of(59, 26, 23, 16), chord.getList("totals"));
        List<List<Integer>> matrix = chord.getList("matrix");
        assertEquals(List.of(0, 24, 19, 15), matrix.get(0), "Rachel's corrections of each person's work");
        assertEquals(List.of(1, 2, 0, 1), matrix.get(2), "Kevin's corrections of each person's work");
    }

    @Test
    void createdCountsEveryonesAnnotations() {
        List<Map<String, Object>> created = view("query($filter: MetricsFilter!) { annotationsCreated(filter: $filter) { user count } }")
                .getList("data.annotationsCreated");
        assertEquals(List.of(Map.of("user", "marcus", "count", 40), Map.of("user", "jordan", "count", 35),
                Map.of("user", "aisha", "count", 30), Map.of("user", "kevin", "count", 25),
                Map.of("user", "rachel", "count", 5)), created);
    }

    @Test
    void theSummaryCountsEveryEventOnEveryDayOfTheMonth() {
        JsonPath summary = view("query($filter: MetricsFilter!) { activityCalendar(filter: $filter) { total days { date count } } }")
                .setRootPath("data.activityCalendar");
        List<Map<String, Object>> days = summary.getList("days");
        assertEquals(30, days.size());
        assertEquals("2026-09-01", days.get(0).get("date"));
        assertEquals("2026-09-30", days.get(29).get("date"));
        assertEquals(eventCount, summary.getInt("total"));
        assertEquals(eventCount, days.stream().mapToInt(d -> (Integer) d.get("count")).sum());
        assertTrue(days.stream().anyMatch(d -> (Integer) d.get("count") == 0), "empty days are filled in");
        assertEquals(Tokens.principal("lead"), "lead@example.com");
    }
}
