package io.annometrics.event;

import static io.annometrics.support.Fixtures.RECORD;
import static io.annometrics.support.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.annometrics.common.error.NotFoundException;
import io.annometrics.event.model.EventType;
import io.annometrics.event.model.NewEvent;
import io.annometrics.event.service.EventWriter;
import io.annometrics.support.Fixtures;
import io.annometrics.support.GraphQL;
import io.annometrics.support.Tallies;
import io.annometrics.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** RecordEvents against the real database: idempotency, rejections, attribution, concurrency, failure. */
@QuarkusTest
class RecordEventsTest {

    private static final String T0 = "2026-03-01T09:00:00Z";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventWriter writer;

    @Test
    void sendingTheSameEventAgainStoresNothingNew() throws SQLException {
        String project = Fixtures.project();
        Map<String, Object> created = event(project, "e1", "ANNOTATION_CREATED", "ann", "a1", T0);
        JsonPath first = Fixtures.record(List.of(created));
        assertEquals(1, first.getInt("accepted"));
        assertEquals(0, first.getInt("duplicates"));

        // Same (projectId, id), different content: still a duplicate, and the stored event is unchanged.
        Map<String, Object> changed = new HashMap<>(created);
        changed.put("actor", "somebody-else");
        JsonPath second = Fixtures.record(List.of(created, changed));
        assertEquals(0, second.getInt("accepted"));
        assertEquals(2, second.getInt("duplicates"));
        assertEquals(List.of(), second.getList("rejected"));
        assertEquals(1, count("SELECT count(*) FROM event WHERE project_id = '" + project + "'"));
        assertEquals(1, count("SELECT count(*) FROM event WHERE project_id = '" + project + "' AND actor = 'ann'"));
    }

    @Test
    void aDuplicateWithinOneBatchCountsOnce() {
        String project = Fixtures.project();
        Map<String, Object> created = event(project, "e1", "ANNOTATION_CREATED", "ann", "a1", T0);
        JsonPath result = Fixtures.record(List.of(created, created, created));
        assertEquals(1, result.getInt("accepted"));
        assertEquals(2, result.getInt("duplicates"));
    }

    @Test
    void badEventsAreRejectedOneByOneAndTheGoodOnesKept() throws SQLException {
        String project = Fixtures.project();
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString();
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(event(project, "good-1", "ANNOTATION_CREATED", "ann", "a1", T0));
        batch.add(event("no-such-project", "x1", "ANNOTATION_CREATED", "ann", "a1", T0));
        batch.add(event(project, "x2", "ANNOTATION_PAINTED", "ann", "a1", T0));
        batch.add(event(project, "  ", "ANNOTATION_CREATED", "ann", "a1", T0));
        batch.add(event(project, "x4", "ANNOTATION_CREATED", " ", "a1", T0));
        batch.add(event(project, "x5", "ANNOTATION_CREATED", "ann", "", T0));
        batch.add(event(project, "x".repeat(201), "ANNOTATION_CREATED", "ann", "a1", T0));
        batch.add(event(project, "x7", "ANNOTATION_CREATED", "ann", "a1", future));
        batch.add(event(project, "x8", "ANNOTATION_CREATED", "ann", "a1", "yesterday at noon"));
        batch.add(event(project, "x9", "ANNOTATION_CREATED", "ann", "a1", "2026-03-01T09:00:00"));
        batch.add(event(project, "x10", "ANNOTATION_CREATED", "ann\u0000", "a1", T0));
        batch.add(event(project, "good-2", "ANNOTATION_UPDATED", "rev", "a1", T0));

        JsonPath result = Fixtures.record(batch);
        assertEquals(2, result.getInt("accepted"));
        assertEquals(0, result.getInt("duplicates"));
        List<Map<String, Object>> rejected = result.getList("rejected");
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), rejected.stream().map(r -> r.get("index")).toList());
        assertEquals("x1", rejected.get(0).get("id"));
        assertReason(rejected.get(0), "projectId 'no-such-project': Project not found");
        assertReason(rejected.get(1), "type 'ANNOTATION_PAINTED' is unknown");
        assertReason(rejected.get(2), "id is required");
        assertReason(rejected.get(3), "actor is required");
        assertReason(rejected.get(4), "annotationId is required");
        assertReason(rejected.get(5), "at most 200");
        assertReason(rejected.get(6), "more than one day in the future");
        assertReason(rejected.get(7), "not an ISO-8601 date-time with an offset");
        assertReason(rejected.get(8), "not an ISO-8601 date-time with an offset");
        assertReason(rejected.get(9), "NUL");
        assertEquals(2, count("SELECT count(*) FROM event WHERE project_id = '" + project + "'"));
    }

    @Test
    void aCorrectionThatArrivesBeforeTheCreationIsAttributedOnceItArrives() throws SQLException {
        String project = Fixtures.project();
        Fixtures.record(List.of(event(project, "u1", "ANNOTATION_UPDATED", "rachel", "a1", "2026-03-01T10:00:00Z")));
        assertEquals(0, count("SELECT count(*) FROM annotation WHERE project_id = '" + project
                + "' AND coalesce(creator, author_hint) IS NOT NULL"), "nothing is known of the author yet");

        Fixtures.record(List.of(event(project, "c1", "ANNOTATION_CREATED", "marcus", "a1", "2026-03-01T09:00:00Z")));
        assertEquals(1, count("SELECT count(*) FROM annotation WHERE project_id = '" + project + "' AND creator = 'marcus'"));
    }

    @Test
    void theCreatorWinsOverTheAuthorNamedByEventsAndTheEarliestCreationWins() throws SQLException {
        String project = Fixtures.project();
        Map<String, Object> hinted = event(project, "u1", "ANNOTATION_UPDATED", "rachel", "a1", "2026-03-01T10:00:00Z");
        hinted.put("author", "kevin");
        Fixtures.record(List.of(hinted));
        assertEquals("kevin", text("SELECT coalesce(creator, author_hint) FROM annotation WHERE project_id = '" + project + "'"));

        Fixtures.record(List.of(event(project, "c2", "ANNOTATION_CREATED", "aisha", "a1", "2026-03-01T09:30:00Z")));
        Fixtures.record(List.of(event(project, "c1", "ANNOTATION_CREATED", "marcus", "a1", "2026-03-01T09:00:00Z")));
        Fixtures.record(List.of(event(project, "c3", "ANNOTATION_CREATED", "jordan", "a1", "2026-03-01T09:45:00Z")));
        assertEquals("marcus", text("SELECT coalesce(creator, author_hint) FROM annotation WHERE project_id = '" + project + "'"));
    }

    @Test
    void twoProducersSendingOverlappingBatchesAtOnceLoseNothingAndStoreNothingTwice() throws Exception {
        String project = Fixtures.project();
        Fixtures.grant(project, "producer-a", "PRODUCER");
        Fixtures.grant(project, "producer-b", "PRODUCER");
        // 40 batches of 250 events over 6,000 distinct ids; each id is sent by both producers.
        List<Map<String, Object>> all = IntStream.range(0, 6000)
                .mapToObj(i -> event(project, "id-" + i, i % 3 == 0 ? "ANNOTATION_CREATED" : "ANNOTATION_UPDATED",
                        "user-" + (i % 7), "ann-" + (i % 500), OffsetDateTime.parse(T0).plusSeconds(i).toString()))
                .toList();
        List<Callable<int[]>> tasks = new ArrayList<>();
        for (String producer : List.of("producer-a", "producer-b")) {
            for (int start = 0; start < all.size(); start += 300) {
                List<Map<String, Object>> batch = new ArrayList<>(all.subList(start, Math.min(all.size(), start + 300)));
                if (producer.equals("producer-b")) {
                    java.util.Collections.reverse(batch);
                }
                tasks.add(() -> {
                    JsonPath result = GraphQL.as(producer).ok(RECORD, Map.of("events", batch)).setRootPath("data.recordEvents");
                    return new int[] { result.getInt("accepted"), result.getInt("duplicates") };
                });
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int accepted = 0;
        int duplicates = 0;
        try {
            for (Future<int[]> result : pool.invokeAll(tasks)) {
                accepted += result.get()[0];
                duplicates += result.get()[1];
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(6000, accepted, "every event stored exactly once");
        assertEquals(6000, duplicates, "every second copy reported as a duplicate");
        assertEquals(6000, count("SELECT count(*) FROM event WHERE project_id = '" + project + "'"));
        assertEquals(500, count("SELECT count(*) FROM annotation WHERE project_id = '" + project + "'"));
        try (Connection c = dataSource.getConnection()) {
            assertEquals(6000, Tallies.sum(c, project, "month").get("events"), "the aggregates count every event once");
        }
    }

    @Test
    void aFullBatchOfTheLargestSizeIsAccepted() {
        String project = Fixtures.project();
        List<Map<String, Object>> batch = IntStream.range(0, 5000)
                .mapToObj(i -> {
                    Map<String, Object> e = event(project, "event-with-a-realistic-id-" + i, "ANNOTATION_CREATED",
                            "annotator-" + (i % 40) + "@example.com", "annotation-" + i, T0);
                    e.put("label", "solar-panel-crack");
                    e.put("assetId", "s3://drone-flights/2026-03-01/site-17/frame-" + i + ".jpg");
                    return e;
                })
                .toList();
        assertEquals(5000, Fixtures.record(batch).getInt("accepted"));
    }

    @Test
    void aLargeBatchIsWrittenInPartsAndCountsEveryEventOnce() throws SQLException {
        String project = Fixtures.project();
        Fixtures.record(List.of(event(project, "u-0000", "ANNOTATION_UPDATED", "rev", "a0", T0)));
        // Corrections that arrive with the creation of their annotation, and one stored before it: the
        // parts are written at the same time, in separate transactions, each with whole annotations.
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            String at = OffsetDateTime.parse(T0).plusMinutes(i).toString();
            batch.add(event(project, "u-%04d".formatted(i), "ANNOTATION_UPDATED", i % 3 == 0 ? "ann-" + i % 5 : "rev", "a" + i, at));
            batch.add(event(project, "z-%04d".formatted(i), "ANNOTATION_CREATED", "ann-" + i % 5, "a" + i, T0));
        }
        batch.add(batch.get(5));
        JsonPath result = Fixtures.record(batch);
        assertEquals(2399, result.getInt("accepted"));
        assertEquals(2, result.getInt("duplicates"), "one stored before, one twice in the batch");
        assertEquals(2400, count("SELECT count(*) FROM event WHERE project_id = '" + project + "'"));
        assertEquals(1200, count("SELECT count(*) FROM annotation WHERE project_id = '" + project + "' AND creator IS NOT NULL"));
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> months = Tallies.sum(c, project, "month");
            assertEquals(2400, months.get("events"));
            assertEquals(1200, months.get("created"));
            long corrections = months.entrySet().stream().filter(e -> e.getKey().startsWith("rev>")).mapToLong(Map.Entry::getValue).sum();
            assertEquals(801, corrections, "every correction by rev counted for its author, u-0000 included");
            assertEquals(false, months.keySet().stream().anyMatch(k -> k.startsWith("ann-") && k.contains(">")),
                    "authors editing their own annotations make no corrections");
        }
    }

    @Test
    void whenOnePartOfALargeBatchFailsTheAnswerSaysSoAndARetryCompletesIt() throws SQLException {
        String project = Fixtures.project();
        failOnPoison();
        List<Map<String, Object>> batch = IntStream.range(0, 2000)
                .mapToObj(i -> event(project, "e-%04d".formatted(i), "ANNOTATION_CREATED", "ann", i == 1999 ? "poison" : "a" + i, T0))
                .toList();
        try {
            JsonPath answer = GraphQL.as(Tokens.ADMIN).send(RECORD, Map.of("events", batch));
            assertEquals("INTERNAL", answer.getString("errors[0].extensions.code"));
            String message = answer.getString("errors[0].message");
            assertTrue(message.contains("Part of this batch") && message.contains("safe"), message);
        } finally {
            stopFailingOnPoison();
        }
        long stored = count("SELECT count(*) FROM event WHERE project_id = '" + project + "'");
        assertTrue(stored > 0 && stored < 2000, "the part without the poison is stored: " + stored);
        JsonPath retry = Fixtures.record(batch);
        assertEquals(2000 - stored, retry.getInt("accepted"));
        assertEquals(stored, retry.getInt("duplicates"));
        try (Connection c = dataSource.getConnection()) {
            assertEquals(2000, Tallies.sum(c, project, "month").get("events"));
        }
    }

    @Test
    void namesThatLookLikeArraySyntaxAreTalliedUnderTheirOwnName() throws SQLException {
        String project = Fixtures.project();
        List<String> names = List.of("o\"brien", "back\\slash", "a,b", "{curly}", "NULL", "with space", "Zoë");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            batch.add(event(project, "c" + i, "ANNOTATION_CREATED", names.get(i), "a" + i, T0));
            batch.add(event(project, "u" + i, "ANNOTATION_UPDATED", names.get((i + 1) % names.size()), "a" + i, T0));
        }
        assertEquals(14, Fixtures.record(batch).getInt("accepted"));
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> slots = Tallies.sum(c, project, "slot");
            for (int i = 0; i < names.size(); i++) {
                String key = names.get((i + 1) % names.size()) + ">" + names.get(i);
                assertEquals(1L, slots.get(key), key + " in " + slots);
            }
        }
    }

    @Test
    void eventsOfAProjectDeletedSinceTheirCheckAreNotStored() throws SQLException {
        // The log has no per-row foreign key (V5): the writer locks the batch's projects and refuses a missing one.
        String project = "deleted-project-" + System.nanoTime();
        NewEvent orphan = new NewEvent(project, "e1", EventType.ANNOTATION_CREATED, "ann", "a1", Instant.parse(T0), null, null, null);
        NotFoundException refused = assertThrows(NotFoundException.class,
                () -> QuarkusTransaction.requiringNew().call(() -> writer.write(List.of(orphan))));
        assertTrue(refused.getMessage().contains("no longer exists"), refused.getMessage());
        assertEquals(0, count("SELECT count(*) FROM event WHERE project_id = '" + project + "'"));
        assertEquals(0, count("SELECT count(*) FROM annotation WHERE project_id = '" + project + "'"));
    }

    @Test
    void aBatchOverTheLimitIsRefusedAsAWhole() throws SQLException {
        String project = Fixtures.project();
        List<Map<String, Object>> batch = IntStream.range(0, 5001)
                .mapToObj(i -> event(project, "e" + i, "ANNOTATION_CREATED", "ann", "a" + i, T0))
                .toList();
        JsonPath answer = GraphQL.as(Tokens.ADMIN).send(RECORD, Map.of("events", batch));
        assertEquals("BAD_REQUEST", answer.getString("errors[0].extensions.code"));
        assertTrue(answer.getString("errors[0].message").contains("at most 5000"));
        assertEquals(0, count("SELECT count(*) FROM event WHERE project_id = '" + project + "'"));
    }

    @Test
    void aDatabaseFailureStoresNoneOfTheBatchAndSaysARetryIsSafe() throws SQLException {
        String project = Fixtures.project();
        failOnPoison();
        try {
            List<Map<String, Object>> batch = List.of(
                    event(project, "e1", "ANNOTATION_CREATED", "ann", "a1", T0),
                    event(project, "e2", "ANNOTATION_CREATED", "ann", "a2", T0),
                    event(project, "e3", "ANNOTATION_CREATED", "ann", "poison", T0));
            JsonPath answer = GraphQL.as(Tokens.ADMIN).send(RECORD, Map.of("events", batch));
            assertEquals("INTERNAL", answer.getString("errors[0].extensions.code"));
            String message = answer.getString("errors[0].message");
            assertTrue(message.contains("safe"), message);
            assertTrue(!message.contains("disk on fire") && !message.contains("SQL"), "no database detail leaks: " + message);
            assertEquals(0, count("SELECT count(*) FROM event WHERE project_id = '" + project + "'"));
        } finally {
            stopFailingOnPoison();
        }
    }

    private static void assertReason(Map<String, Object> rejection, String expected) {
        String reason = (String) rejection.get("reason");
        assertTrue(reason.contains(expected), () -> "reason '" + reason + "' should contain '" + expected + "'");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private String text(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    /** Makes the database fail on inserting an event of the annotation "poison", after the others were written. */
    private void failOnPoison() throws SQLException {
        execute("""
                CREATE FUNCTION fail_on_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.annotation_id = 'poison' THEN RAISE EXCEPTION 'disk on fire'; END IF;
                  RETURN NEW;
                END $$;
                CREATE TRIGGER fail_on_poison BEFORE INSERT ON event FOR EACH ROW EXECUTE FUNCTION fail_on_poison();
                """);
    }

    private void stopFailingOnPoison() throws SQLException {
        execute("DROP TRIGGER fail_on_poison ON event; DROP FUNCTION fail_on_poison();");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
