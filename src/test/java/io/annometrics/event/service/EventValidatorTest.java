package io.annometrics.event.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.annometrics.event.model.EventInput;
import io.annometrics.event.model.EventType;
import io.annometrics.event.model.NewEvent;
import io.annometrics.event.model.RejectedEvent;

class EventValidatorTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static EventInput valid() {
        return new EventInput("ev-1", "proj-1", "ANNOTATION_CREATED", "alice", "ann-1",
                "2026-03-01T09:30:00+05:30", "bob", "img-7.png", "crack");
    }

    private static EventInput withId(String id) {
        EventInput v = valid();
        return new EventInput(id, v.projectId(), v.type(), v.actor(), v.annotationId(), v.occurredAt(), v.author(),
                v.assetId(), v.label());
    }

    private static EventInput withProjectId(String projectId) {
        EventInput v = valid();
        return new EventInput(v.id(), projectId, v.type(), v.actor(), v.annotationId(), v.occurredAt(), v.author(),
                v.assetId(), v.label());
    }

    private static EventInput withType(String type) {
        EventInput v = valid();
        return new EventInput(v.id(), v.projectId(), type, v.actor(), v.annotationId(), v.occurredAt(), v.author(),
                v.assetId(), v.label());
    }

    private static EventInput withActor(String actor) {
        EventInput v = valid();
        return new EventInput(v.id(), v.projectId(), v.type(), actor, v.annotationId(), v.occurredAt(), v.author(),
                v.assetId(), v.label());
    }

    private static EventInput withAnnotationId(String annotationId) {
        EventInput v = valid();
        return new EventInput(v.id(), v.projectId(), v.type(), v.actor(), annotationId, v.occurredAt(), v.author(),
                v.assetId(), v.label());
    }

    private static EventInput withOccurredAt(String occurredAt) {
        EventInput v = valid();
        return new EventInput(v.id(), v.projectId(), v.type(), v.actor(), v.annotationId(), occurredAt, v.author(),
                v.assetId(), v.label());
    }

    private static EventInput withOptionals(String author, String assetId, String label) {
        EventInput v = valid();
        return new EventInput(v.id(), v.projectId(), v.type(), v.actor(), v.annotationId(), v.occurredAt(), author,
                assetId, label);
    }

    private static NewEvent accepted(EventInput input) {
        EventValidator.Checked checked = EventValidator.check(0, input, NOW);
        assertTrue(checked.isAccepted(), () -> "rejected: " + checked.rejection());
        assertNull(checked.rejection());
        return checked.event();
    }

    private static String rejected(EventInput input) {
        EventValidator.Checked checked = EventValidator.check(0, input, NOW);
        assertFalse(checked.isAccepted(), () -> "accepted: " + checked.event());
        assertNull(checked.event());
        assertNotNull(checked.rejection());
        assertNotNull(checked.rejection().reason());
        return checked.rejection().reason();
    }

    /** The reason names the offending field first, as in "actor is required ...". */
    private static void assertAbout(String reason, String field) {
        assertTrue(reason.startsWith(field + " "), () -> "'" + reason + "' should be about " + field);
    }

    private static void assertMentions(String reason, String text) {
        assertTrue(reason.contains(text), () -> "'" + reason + "' should mention " + text);
    }

    // ---- accepted --------------------------------------------------------------------------------------

    @Test
    void aValidEventIsAcceptedWithAllItsFields() {
        NewEvent event = accepted(valid());
        assertEquals(new NewEvent("proj-1", "ev-1", EventType.ANNOTATION_CREATED, "alice", "ann-1",
                Instant.parse("2026-03-01T04:00:00Z"), "bob", "img-7.png", "crack"), event);
    }

    @Test
    void everyEventTypeIsAccepted() {
        for (EventType type : EventType.values()) {
            assertEquals(type, accepted(withType(type.name())).type());
        }
    }

    @Test
    void typeIsTrimmedBeforeItIsParsed() {
        assertEquals(EventType.ANNOTATION_UPDATED, accepted(withType("  ANNOTATION_UPDATED ")).type());
    }

    @Test
    void actorIsTrimmed() {
        assertEquals("alice", accepted(withActor("  alice\t")).actor());
    }

    @Test
    void projectIdAndAnnotationIdAreTrimmed() {
        assertEquals("proj-1", accepted(withProjectId(" proj-1 ")).projectId());
        assertEquals("ann-1", accepted(withAnnotationId(" ann-1 ")).annotationId());
    }

    @Test
    void occurredAtIsParsedToTheInstantItNames() {
        assertEquals(Instant.parse("2026-03-01T04:00:00Z"), accepted(withOccurredAt("2026-03-01T04:00:00Z")).occurredAt());
        assertEquals(Instant.parse("2026-02-28T18:15:00Z"),
                accepted(withOccurredAt("2026-03-01T00:00:00+05:45")).occurredAt());
        assertEquals(Instant.parse("2026-03-01T14:30:00Z"),
                accepted(withOccurredAt(" 2026-03-01T09:30:00-05:00 ")).occurredAt());
        assertEquals(Instant.parse("2026-03-01T04:00:00.123Z"),
                accepted(withOccurredAt("2026-03-01T09:30:00.123+05:30")).occurredAt());
    }

    @Test
    void blankOptionalFieldsBecomeNull() {
        NewEvent event = accepted(withOptionals("  ", "", "\t"));
        assertNull(event.author());
        assertNull(event.assetId());
        assertNull(event.label());
    }

    @Test
    void missingOptionalFieldsStayNull() {
        NewEvent event = accepted(withOptionals(null, null, null));
        assertNull(event.author());
        assertNull(event.assetId());
        assertNull(event.label());
    }

    @Test
    void optionalFieldsAreTrimmed() {
        NewEvent event = accepted(withOptionals(" bob ", " img.png ", " crack "));
        assertEquals("bob", event.author());
        assertEquals("img.png", event.assetId());
        assertEquals("crack", event.label());
    }

    @Test
    void anIdOfExactly200CharactersIsAccepted() {
        String id = "x".repeat(200);
        assertEquals(id, accepted(withId(id)).eventId());
    }

    @Test
    void anOccurredAtExactlyOneDayAheadIsAccepted() {
        assertEquals(Instant.parse("2026-03-11T12:00:00Z"), accepted(withOccurredAt("2026-03-11T12:00:00Z")).occurredAt());
        assertEquals(Instant.parse("2026-03-11T12:00:00Z"),
                accepted(withOccurredAt("2026-03-11T17:30:00+05:30")).occurredAt());
    }

    @Test
    void anOccurredAtInThePastIsAccepted() {
        accepted(withOccurredAt("1999-12-31T23:59:59Z"));
    }

    // ---- rejected: required fields ------------------------------------------------------------------

    @Test
    void aMissingIdIsRejected() {
        assertAbout(rejected(withId(null)), "id");
    }

    @Test
    void aBlankIdIsRejected() {
        assertAbout(rejected(withId("   ")), "id");
        assertAbout(rejected(withId("")), "id");
    }

    @Test
    void aMissingOrBlankProjectIdIsRejected() {
        assertAbout(rejected(withProjectId(null)), "projectId");
        assertAbout(rejected(withProjectId(" ")), "projectId");
    }

    @Test
    void aMissingOrBlankTypeIsRejected() {
        assertAbout(rejected(withType(null)), "type");
        assertAbout(rejected(withType("  ")), "type");
    }

    @Test
    void aMissingOrBlankActorIsRejected() {
        assertAbout(rejected(withActor(null)), "actor");
        assertAbout(rejected(withActor("\t ")), "actor");
    }

    @Test
    void aMissingOrBlankAnnotationIdIsRejected() {
        assertAbout(rejected(withAnnotationId(null)), "annotationId");
        assertAbout(rejected(withAnnotationId("")), "annotationId");
    }

    @Test
    void aMissingOrBlankOccurredAtIsRejected() {
        assertAbout(rejected(withOccurredAt(null)), "occurredAt");
        assertAbout(rejected(withOccurredAt(" ")), "occurredAt");
    }

    @Test
    void aNullEventIsRejected() {
        EventValidator.Checked checked = EventValidator.check(4, null, NOW);
        assertFalse(checked.isAccepted());
        assertEquals(4, checked.rejection().index());
        assertNull(checked.rejection().id());
        assertNotNull(checked.rejection().reason());
    }

    // ---- rejected: malformed values -----------------------------------------------------------------

    @Test
    void anUnknownTypeIsRejected() {
        String reason = rejected(withType("ANNOTATION_MOVED"));
        assertMentions(reason, "ANNOTATION_MOVED");
        assertMentions(reason, "unknown");
    }

    @Test
    void typeNamesAreCaseSensitive() {
        assertMentions(rejected(withType("annotation_created")), "unknown");
    }

    @Test
    void anIdOver200CharactersIsRejected() {
        String reason = rejected(withId("x".repeat(201)));
        assertAbout(reason, "id");
        assertMentions(reason, "201");
        assertMentions(reason, "200");
    }

    @Test
    void nameFieldsOver200CharactersAreRejected() {
        assertAbout(rejected(withActor("a".repeat(201))), "actor");
        assertAbout(rejected(withAnnotationId("a".repeat(201))), "annotationId");
        assertAbout(rejected(withProjectId("p".repeat(201))), "projectId");
        assertAbout(rejected(withOptionals("a".repeat(201), null, null)), "author");
        assertAbout(rejected(withOptionals(null, null, "l".repeat(201))), "label");
    }

    @Test
    void assetIdsMayBeUpTo1000Characters() {
        assertEquals(1000, accepted(withOptionals(null, "a".repeat(1000), null)).assetId().length());
        assertAbout(rejected(withOptionals(null, "a".repeat(1001), null)), "assetId");
    }

    @Test
    void nulCharactersAreRejectedInEveryTextField() {
        assertAbout(rejected(withId("ev\0-1")), "id");
        assertAbout(rejected(withProjectId("proj\0")), "projectId");
        assertAbout(rejected(withActor("ali\0ce")), "actor");
        assertAbout(rejected(withAnnotationId("\0ann")), "annotationId");
        assertAbout(rejected(withOptionals("b\0b", null, null)), "author");
        assertAbout(rejected(withOptionals(null, "img\0", null)), "assetId");
        assertAbout(rejected(withOptionals(null, null, "cr\0ck")), "label");
    }

    @Test
    void nulCharactersInTypeOrOccurredAtAreRejected() {
        assertAbout(rejected(withType("ANNOTATION\0CREATED")), "type");
        assertAbout(rejected(withOccurredAt("2026-03-01T09:30\0:00Z")), "occurredAt");
    }

    @Test
    void aNulCharacterIsNotEchoedInTheReason() {
        String reason = rejected(withType("BAD\0TYPE"));
        assertFalse(reason.contains("\0"), reason);
    }

    @Test
    void anOccurredAtWithoutOffsetIsRejected() {
        assertAbout(rejected(withOccurredAt("2026-03-01T09:30:00")), "occurredAt");
    }

    @Test
    void aDateWithoutTimeIsRejected() {
        assertAbout(rejected(withOccurredAt("2026-03-01")), "occurredAt");
    }

    @Test
    void aMalformedOccurredAtIsRejected() {
        assertAbout(rejected(withOccurredAt("yesterday")), "occurredAt");
        assertAbout(rejected(withOccurredAt("2026-02-30T09:30:00Z")), "occurredAt");
        assertAbout(rejected(withOccurredAt("2026-03-01 09:30:00+05:30")), "occurredAt");
        assertAbout(rejected(withOccurredAt("1772337600")), "occurredAt");
    }

    @Test
    void aVeryLongMalformedOccurredAtIsAbbreviatedInTheReason() {
        String reason = rejected(withOccurredAt("z".repeat(500)));
        assertAbout(reason, "occurredAt");
        assertTrue(reason.length() < 300, reason);
    }

    @Test
    void anOccurredAtMoreThanOneDayAheadIsRejected() {
        String reason = rejected(withOccurredAt("2026-03-11T12:00:00.001Z"));
        assertAbout(reason, "occurredAt");
        assertMentions(reason, "future");
        rejected(withOccurredAt("2026-03-12T00:00:00Z"));
        rejected(withOccurredAt("2026-03-11T17:30:01+05:30"));
    }

    // ---- the rejection --------------------------------------------------------------------------------

    @Test
    void theRejectionCarriesTheIndexAndTheId() {
        EventValidator.Checked checked = EventValidator.check(17, withType("NOPE"), NOW);
        RejectedEvent rejection = checked.rejection();
        assertEquals(17, rejection.index());
        assertEquals("ev-1", rejection.id());
    }

    @Test
    void theRejectionOfAnEventWithoutIdHasNoId() {
        RejectedEvent rejection = EventValidator.check(3, withId(null), NOW).rejection();
        assertEquals(3, rejection.index());
        assertNull(rejection.id());
    }

    @Test
    void theRejectionOfAnOverlongIdCarriesTheIdAsSent() {
        String id = "x".repeat(201);
        RejectedEvent rejection = EventValidator.check(0, withId(id), NOW).rejection();
        assertEquals(id, rejection.id());
    }

    @Test
    void onlyTheFirstProblemIsReported() {
        EventInput input = new EventInput("ev-9", null, "NOPE", null, null, "never", null, null, null);
        String reason = EventValidator.check(0, input, NOW).rejection().reason();
        assertAbout(reason, "projectId");
        assertFalse(reason.contains("actor"), reason);
    }
}
