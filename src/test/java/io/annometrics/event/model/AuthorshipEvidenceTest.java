package io.annometrics.event.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AuthorshipEvidenceTest {

    private static final Instant T1 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-01T11:00:00Z");

    private static NewEvent created(String project, String eventId, String annotation, String actor, Instant at) {
        return new NewEvent(project, eventId, EventType.ANNOTATION_CREATED, actor, annotation, at, null, null, null);
    }

    private static NewEvent updated(String project, String eventId, String annotation, String actor, Instant at,
            String author) {
        return new NewEvent(project, eventId, EventType.ANNOTATION_UPDATED, actor, annotation, at, author, null, null);
    }

    private static NewEvent accepted(String project, String eventId, String annotation, String actor, Instant at) {
        return new NewEvent(project, eventId, EventType.ANNOTATION_ACCEPTED, actor, annotation, at, null, null, null);
    }

    @Test
    void theEarliestCreationWins() {
        List<AuthorshipEvidence> evidence = AuthorshipEvidence.of(List.of(
                created("p", "e3", "a", "carol", T3),
                created("p", "e2", "a", "bob", T1),
                created("p", "e1", "a", "alice", T2)));
        assertEquals(List.of(new AuthorshipEvidence("p", "a", "bob", T1, "e2", null, null, null)), evidence);
    }

    @Test
    void creationsAtTheSameInstantAreDecidedByEventId() {
        List<AuthorshipEvidence> evidence = AuthorshipEvidence.of(List.of(
                created("p", "e-b", "a", "bob", T1),
                created("p", "e-a", "a", "alice", T1),
                created("p", "e-c", "a", "carol", T1)));
        assertEquals("alice", evidence.get(0).creator());
        assertEquals("e-a", evidence.get(0).createdEventId());
        assertEquals(T1, evidence.get(0).createdAt());
    }

    @Test
    void theEarliestAuthorHintWins() {
        List<AuthorshipEvidence> evidence = AuthorshipEvidence.of(List.of(
                updated("p", "e1", "a", "rachel", T2, "marcus"),
                updated("p", "e2", "a", "kevin", T1, "aisha"),
                updated("p", "e3", "a", "rachel", T3, "jordan")));
        assertEquals(List.of(new AuthorshipEvidence("p", "a", null, null, null, "aisha", T1, "e2")), evidence);
    }

    @Test
    void authorHintsAtTheSameInstantAreDecidedByEventId() {
        List<AuthorshipEvidence> evidence = AuthorshipEvidence.of(List.of(
                updated("p", "e2", "a", "rachel", T1, "marcus"),
                updated("p", "e1", "a", "kevin", T1, "aisha")));
        assertEquals("aisha", evidence.get(0).authorHint());
        assertEquals("e1", evidence.get(0).hintEventId());
    }

    @Test
    void creationAndHintAreChosenIndependently() {
        List<AuthorshipEvidence> evidence = AuthorshipEvidence.of(List.of(
                updated("p", "e1", "a", "rachel", T1, "marcus"),
                created("p", "e2", "a", "marcus", T2),
                updated("p", "e3", "a", "kevin", T3, "somebody")));
        assertEquals(List.of(new AuthorshipEvidence("p", "a", "marcus", T2, "e2", "marcus", T1, "e1")), evidence);
    }

    @Test
    void aCreationThatNamesAnAuthorIsAlsoAHint() {
        NewEvent creation = new NewEvent("p", "e1", EventType.ANNOTATION_CREATED, "marcus", "a", T1, "marcus", null, null);
        assertEquals(List.of(new AuthorshipEvidence("p", "a", "marcus", T1, "e1", "marcus", T1, "e1")),
                AuthorshipEvidence.of(List.of(creation)));
    }

    @Test
    void annotationsWithNeitherCreationNorHintAreAbsent() {
        List<AuthorshipEvidence> evidence = AuthorshipEvidence.of(List.of(
                accepted("p", "e1", "a", "rachel", T1),
                updated("p", "e2", "a", "kevin", T2, null),
                created("p", "e3", "b", "marcus", T1)));
        assertEquals(List.of(new AuthorshipEvidence("p", "b", "marcus", T1, "e3", null, null, null)), evidence);
    }

    @Test
    void onlyCreationEventsNameTheCreator() {
        List<AuthorshipEvidence> evidence = AuthorshipEvidence.of(List.of(
                updated("p", "e1", "a", "rachel", T1, "marcus"),
                accepted("p", "e0", "a", "kevin", Instant.parse("2026-01-01T00:00:00Z"))));
        assertNull(evidence.get(0).creator());
        assertNull(evidence.get(0).createdAt());
        assertNull(evidence.get(0).createdEventId());
    }

    @Test
    void theSameAnnotationIdInTwoProjectsStaysSeparate() {
        List<AuthorshipEvidence> evidence = AuthorshipEvidence.of(List.of(
                created("p2", "e1", "a", "bob", T1),
                created("p1", "e1", "a", "alice", T2)));
        assertEquals(List.of(
                new AuthorshipEvidence("p1", "a", "alice", T2, "e1", null, null, null),
                new AuthorshipEvidence("p2", "a", "bob", T1, "e1", null, null, null)), evidence);
    }

    @Test
    void aHintInOneProjectDoesNotApplyToAnotherProject() {
        List<AuthorshipEvidence> evidence = AuthorshipEvidence.of(List.of(
                created("p1", "e1", "a", "alice", T2),
                updated("p2", "e2", "a", "kevin", T1, "marcus")));
        assertEquals(List.of(
                new AuthorshipEvidence("p1", "a", "alice", T2, "e1", null, null, null),
                new AuthorshipEvidence("p2", "a", null, null, null, "marcus", T1, "e2")), evidence);
    }

    @Test
    void outputIsSortedByProjectThenAnnotation() {
        List<AuthorshipEvidence> evidence = AuthorshipEvidence.of(List.of(
                created("p2", "e1", "b", "u", T1),
                created("p1", "e2", "c", "u", T1),
                created("p2", "e3", "a", "u", T1),
                created("p1", "e4", "a", "u", T1),
                created("p1", "e5", "b", "u", T1)));
        assertEquals(List.of("p1/a", "p1/b", "p1/c", "p2/a", "p2/b"),
                evidence.stream().map(e -> e.projectId() + "/" + e.annotationId()).toList());
    }

    @Test
    void inputOrderDoesNotMatter() {
        List<NewEvent> events = List.of(
                created("p1", "e1", "a", "alice", T2),
                created("p1", "e2", "a", "bob", T2),
                created("p1", "e0", "a", "carol", T3),
                updated("p1", "e4", "a", "kevin", T1, "dave"),
                updated("p1", "e3", "a", "kevin", T1, "erin"),
                updated("p2", "e5", "b", "kevin", T3, "frank"),
                created("p2", "e6", "c", "gina", T1),
                accepted("p2", "e7", "d", "hank", T1));
        List<AuthorshipEvidence> expected = List.of(
                new AuthorshipEvidence("p1", "a", "alice", T2, "e1", "erin", T1, "e3"),
                new AuthorshipEvidence("p2", "b", null, null, null, "frank", T3, "e5"),
                new AuthorshipEvidence("p2", "c", "gina", T1, "e6", null, null, null));
        assertEquals(expected, AuthorshipEvidence.of(events));

        List<NewEvent> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        assertEquals(expected, AuthorshipEvidence.of(reversed));

        for (int seed = 0; seed < 20; seed++) {
            List<NewEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, new Random(seed));
            assertEquals(expected, AuthorshipEvidence.of(shuffled), "seed " + seed);
        }
    }

    @Test
    void noEventsGiveNoEvidence() {
        assertEquals(List.of(), AuthorshipEvidence.of(List.of()));
    }
}
