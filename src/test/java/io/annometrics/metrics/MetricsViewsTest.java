package io.annometrics.metrics;

import static io.annometrics.support.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.annometrics.support.Fixtures;
import io.annometrics.support.GraphQL;
import io.annometrics.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** What each view means (shared/contract/SEMANTICS.md), one rule at a time. */
@QuarkusTest
class MetricsViewsTest {

    private static final String SUMMARY = "query($f: MetricsFilter!) { activityCalendar(filter: $f) { total days { date count } } }";
    private static final String REWORKS = "query($f: MetricsFilter!) { reworks(filter: $f) { user count } }";
    private static final String CREATED = "query($f: MetricsFilter!) { annotationsCreated(filter: $f) { user count } }";
    private static final String HEATMAP = "query($f: MetricsFilter!) { correctionHeatmap(filter: $f) { annotators editors counts } }";
    private static final String HIERARCHY = "query($f: MetricsFilter!) { reviewHierarchy(filter: $f) { nodes { user parent role } } }";
    private static final String CHORD = "query($f: MetricsFilter!) { correctionChord(filter: $f) { users matrix totals } }";

    private static JsonPath view(String query, Map<String, Object> filter) {
        return GraphQL.as(Tokens.ADMIN).ok(query, Map.of("f", filter));
    }

    private static Map<String, Object> filter(String project, Object... pairs) {
        Map<String, Object> filter = new HashMap<>();
        filter.put("projectId", project);
        for (int i = 0; i < pairs.length; i += 2) {
            filter.put((String) pairs[i], pairs[i + 1]);
        }
        return filter;
    }

    @Test
    void daysAreCalendarDaysOfTheZoneHalfHourOffsetsIncluded() {
        String project = Fixtures.project("Asia/Kolkata");
        Fixtures.record(List.of(
                event(project, "e1", "ANNOTATION_CREATED", "a", "x1", "2026-03-01T18:29:59Z"), // 23:59:59 IST, March 1
                event(project, "e2", "ANNOTATION_CREATED", "a", "x2", "2026-03-01T18:30:00Z"), // 00:00 IST, March 2
                event(project, "e3", "ANNOTATION_CREATED", "a", "x3", "2026-03-03T10:00:00Z")));

        JsonPath kolkata = view(SUMMARY, filter(project, "from", "2026-03-01", "to", "2026-03-03"));
        assertEquals(List.of(day("2026-03-01", 1), day("2026-03-02", 1), day("2026-03-03", 1)),
                kolkata.getList("data.activityCalendar.days"));

        JsonPath utc = view(SUMMARY, filter(project, "from", "2026-03-01", "to", "2026-03-03", "timeZone", "UTC"));
        assertEquals(List.of(day("2026-03-01", 2), day("2026-03-02", 0), day("2026-03-03", 1)),
                utc.getList("data.activityCalendar.days"), "the filter's zone wins over the project's; empty days are 0");

        JsonPath kathmandu = view(SUMMARY, filter(project, "from", "2026-03-02", "to", "2026-03-02", "timeZone", "Asia/Kathmandu"));
        assertEquals(List.of(day("2026-03-02", 2)), kathmandu.getList("data.activityCalendar.days"),
                "18:29:59Z and 18:30Z are both March 2 at +05:45");
    }

    @Test
    void windowsAreInclusiveLocalDatesAndWithoutBoundsSpanTheActivity() {
        String project = Fixtures.project();
        Fixtures.record(List.of(
                event(project, "e1", "ANNOTATION_CREATED", "a", "x1", "2026-05-10T00:00:00Z"),
                event(project, "e2", "ANNOTATION_CREATED", "a", "x2", "2026-05-10T23:59:59.999Z"),
                event(project, "e3", "ANNOTATION_CREATED", "a", "x3", "2026-05-11T00:00:00Z"),
                event(project, "e4", "ANNOTATION_CREATED", "a", "x4", "2026-05-14T12:00:00Z")));

        JsonPath oneDay = view(SUMMARY, filter(project, "from", "2026-05-10", "to", "2026-05-10"));
        assertEquals(2, oneDay.getInt("data.activityCalendar.total"));

        JsonPath all = view(SUMMARY, filter(project));
        assertEquals(List.of(day("2026-05-10", 2), day("2026-05-11", 1), day("2026-05-12", 0), day("2026-05-13", 0),
                day("2026-05-14", 1)), all.getList("data.activityCalendar.days"));
        assertEquals(4, all.getInt("data.activityCalendar.total"));

        JsonPath fromOnly = view(SUMMARY, filter(project, "from", "2026-05-13"));
        assertEquals(List.of(day("2026-05-13", 0), day("2026-05-14", 1)), fromOnly.getList("data.activityCalendar.days"));

        JsonPath empty = view(SUMMARY, filter(Fixtures.project()));
        assertEquals(0, empty.getInt("data.activityCalendar.total"));
        assertEquals(List.of(), empty.getList("data.activityCalendar.days"));
    }

    @Test
    void onlyUpdatesAndDeletionsOfSomeoneElsesWorkAreCorrections() {
        String project = Fixtures.project();
        Fixtures.record(List.of(
                event(project, "c1", "ANNOTATION_CREATED", "ann", "x1", "2026-04-01T08:00:00Z"),
                event(project, "s1", "ANNOTATION_UPDATED", "ann", "x1", "2026-04-01T09:00:00Z"), // self-edit
                event(project, "u1", "ANNOTATION_UPDATED", "rev", "x1", "2026-04-01T10:00:00Z"),
                event(project, "d1", "ANNOTATION_DELETED", "rev", "x1", "2026-04-01T11:00:00Z"),
                event(project, "a1", "ANNOTATION_ACCEPTED", "boss", "x1", "2026-04-01T12:00:00Z"),
                event(project, "r1", "ANNOTATION_REJECTED", "boss", "x1", "2026-04-01T13:00:00Z"),
                event(project, "o1", "ANNOTATION_UPDATED", "rev", "orphan", "2026-04-01T14:00:00Z"))); // author unknown

        Map<String, Object> f = filter(project);
        assertEquals(List.of(Map.of("user", "rev", "count", 2)), view(REWORKS, f).getList("data.reworks"));
        JsonPath heatmap = view(HEATMAP, f);
        assertEquals(List.of("ann"), heatmap.getList("data.correctionHeatmap.annotators"));
        assertEquals(List.of("rev"), heatmap.getList("data.correctionHeatmap.editors"));
        assertEquals(List.of(List.of(2)), heatmap.getList("data.correctionHeatmap.counts"));

        List<Map<String, Object>> nodes = view(HIERARCHY, f).getList("data.reviewHierarchy.nodes");
        assertEquals(List.of(node("boss", null, "UNCONNECTED"), node("rev", null, "REVIEWER"), node("ann", "rev", "SPECIALIST")),
                nodes);

        // The orphan's author becomes known: its correction now counts.
        Fixtures.record(List.of(event(project, "c2", "ANNOTATION_CREATED", "ann", "orphan", "2026-04-01T07:00:00Z")));
        assertEquals(List.of(Map.of("user", "rev", "count", 3)), view(REWORKS, f).getList("data.reworks"));
    }

    @Test
    void projectsNeverLeakIntoEachOtherEvenWithTheSameAnnotationIds() {
        String first = Fixtures.project();
        String second = Fixtures.project();
        Fixtures.record(List.of(
                event(first, "c1", "ANNOTATION_CREATED", "ann", "shared-id", "2026-04-01T08:00:00Z"),
                event(second, "u1", "ANNOTATION_UPDATED", "rev", "shared-id", "2026-04-01T09:00:00Z")));

        assertEquals(List.of(), view(REWORKS, filter(second)).getList("data.reworks"),
                "the creation in the first project says nothing about the second");
        assertEquals(List.of(), view(CHORD, filter(first)).getList("data.correctionChord.users"));
        assertEquals(List.of(Map.of("user", "ann", "count", 1)), view(CREATED, filter(first)).getList("data.annotationsCreated"));
        assertEquals(List.of(), view(CREATED, filter(second)).getList("data.annotationsCreated"));
    }

    @Test
    void usersAndLabelsNarrowTheViews() {
        String project = Fixtures.project();
        Map<String, Object> labelled = event(project, "c1", "ANNOTATION_CREATED", "ann", "x1", "2026-04-01T08:00:00Z");
        labelled.put("label", "crack");
        Map<String, Object> fix = event(project, "u1", "ANNOTATION_UPDATED", "rev", "x1", "2026-04-01T09:00:00Z");
        fix.put("label", "crack");
        Fixtures.record(List.of(labelled, fix,
                event(project, "c2", "ANNOTATION_CREATED", "bob", "x2", "2026-04-01T08:00:00Z"),
                event(project, "u2", "ANNOTATION_UPDATED", "rev", "x2", "2026-04-01T09:00:00Z"),
                event(project, "u3", "ANNOTATION_UPDATED", "ann", "x2", "2026-04-01T10:00:00Z")));

        assertEquals(List.of(Map.of("user", "rev", "count", 1)),
                view(REWORKS, filter(project, "labels", List.of("crack"))).getList("data.reworks"));
        assertEquals(List.of(Map.of("user", "rev", "count", 2)),
                view(REWORKS, filter(project, "users", List.of("rev"))).getList("data.reworks"),
                "per-person views count all of the listed people's corrections");
        JsonPath chord = view(CHORD, filter(project, "users", List.of("ann", "rev")));
        assertEquals(List.of("ann", "rev"), chord.getList("data.correctionChord.users"));
        assertEquals(List.of(List.of(0, 0), List.of(1, 0)), chord.getList("data.correctionChord.matrix"),
                "views of pairs count only corrections between listed people");
        assertEquals(2, view(SUMMARY, filter(project, "users", List.of("ann"))).getInt("data.activityCalendar.total"));
    }

    @Test
    void badFiltersAreBadRequestsThatNameTheField() {
        String project = Fixtures.project();
        assertBadRequest(filter(project, "timeZone", "Mars/Olympus_Mons"), "filter.timeZone");
        assertBadRequest(filter(project, "from", "2026-05-02", "to", "2026-05-01"), "filter.from");
        assertBadRequest(filter(project, "from", "2000-01-01", "to", "2026-05-01"), "filter.to");
    }

    private static void assertBadRequest(Map<String, Object> filter, String field) {
        JsonPath answer = GraphQL.as(Tokens.ADMIN).send(SUMMARY, Map.of("f", filter));
        assertEquals("BAD_REQUEST", answer.getString("errors[0].extensions.code"), answer.prettify());
        assertTrue(answer.getString("errors[0].message").startsWith(field + ":"), answer.getString("errors[0].message"));
    }

    private static Map<String, Object> day(String date, int count) {
        return Map.of("date", date, "count", count);
    }

    private static Map<String, Object> node(String user, String parent, String role) {
        Map<String, Object> node = new HashMap<>();
        node.put("user", user);
        node.put("parent", parent);
        node.put("role", role);
        return node;
    }
}
