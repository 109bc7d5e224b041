package io.annometrics.event.service;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.annometrics.event.model.EventInput;
import io.annometrics.event.model.EventType;
import io.annometrics.event.model.NewEvent;
import io.annometrics.event.model.RejectedEvent;

/**
 * Checks one event as SEMANTICS.md defines it, without touching the database (whether its project
 * exists is the caller's question). Pure: the clock is a parameter.
 */
public final class EventValidator {

    /** Longest event id accepted. */
    public static final int MAX_ID_LENGTH = 200;
    /** Longest actor, author, annotation id or label accepted. */
    public static final int MAX_NAME_LENGTH = 200;
    /** Longest asset id accepted (asset ids are often paths or URLs). */
    public static final int MAX_ASSET_LENGTH = 1000;
    /** How far in the future an event may claim to have happened (clock skew of producers). */
    public static final Duration MAX_FUTURE = Duration.ofDays(1);

    private EventValidator() {
    }

    /** Either the event, ready to store, or the reason it is rejected. */
    public record Checked(NewEvent event, RejectedEvent rejection) {

        static Checked ok(NewEvent event) {
            return new Checked(event, null);
        }

        static Checked rejected(int index, String id, String reason) {
            return new Checked(null, new RejectedEvent(index, id, reason));
        }

        public boolean isAccepted() {
            return event != null;
        }
    }

    public static Checked check(int index, EventInput input, Instant now) {
        if (input == null) {
            return Checked.rejected(index, null, "The event is null.");
        }
        String id = input.id();
        Instant[] occurredAt = new Instant[1];
        Optional<String> problem = firstProblem(input, now, occurredAt);
        if (problem.isPresent()) {
            return Checked.rejected(index, id, problem.get());
        }
        return Checked.ok(new NewEvent(
                input.projectId().trim(),
                id,
                EventType.parse(input.type().trim()).orElseThrow(),
                input.actor().trim(),
                input.annotationId().trim(),
                occurredAt[0],
                blankToNull(input.author()),
                blankToNull(input.assetId()),
                blankToNull(input.label())));
    }

    /** The first problem of the event, if any; otherwise {@code occurredAt[0]} is its parsed time. */
    private static Optional<String> firstProblem(EventInput input, Instant now, Instant[] occurredAt) {
        return firstOf(
                required("id", input.id(), MAX_ID_LENGTH),
                required("projectId", input.projectId(), MAX_ID_LENGTH),
                typeProblem(input.type()),
                required("actor", input.actor(), MAX_NAME_LENGTH),
                required("annotationId", input.annotationId(), MAX_NAME_LENGTH),
                timeProblem(input.occurredAt(), now, occurredAt),
                optional("author", input.author(), MAX_NAME_LENGTH),
                optional("assetId", input.assetId(), MAX_ASSET_LENGTH),
                optional("label", input.label(), MAX_NAME_LENGTH));
    }

    @SafeVarargs
    private static Optional<String> firstOf(Optional<String>... problems) {
        for (Optional<String> problem : problems) {
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return Optional.of(field + " is required and must not be blank.");
        }
        return optional(field, value, maxLength);
    }

    private static Optional<String> optional(String field, String value, int maxLength) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            return Optional.of(field + " is " + value.length() + " characters long; at most " + maxLength + " are allowed.");
        }
        if (value.indexOf('\0') >= 0) {
            return Optional.of(field + " contains a NUL character, which cannot be stored.");
        }
        return Optional.empty();
    }

    private static Optional<String> typeProblem(String type) {
        if (type == null || type.isBlank()) {
            return Optional.of("type is required and must not be blank.");
        }
        if (EventType.parse(type.trim()).isEmpty()) {
            return Optional.of("type '" + abbreviate(type) + "' is unknown; use one of ANNOTATION_CREATED, ANNOTATION_UPDATED, "
                    + "ANNOTATION_DELETED, ANNOTATION_ACCEPTED, ANNOTATION_REJECTED.");
        }
        return Optional.empty();
    }

    private static Optional<String> timeProblem(String occurredAt, Instant now, Instant[] parsed) {
        if (occurredAt == null || occurredAt.isBlank()) {
            return Optional.of("occurredAt is required: an ISO-8601 date-time with an offset, e.g. 2026-03-01T09:30:00+05:30.");
        }
        Instant instant;
        try {
            instant = OffsetTimestamps.parse(occurredAt.trim());
        } catch (DateTimeParseException e) {
            return Optional.of("occurredAt '" + abbreviate(occurredAt)
                    + "' is not an ISO-8601 date-time with an offset, e.g. 2026-03-01T09:30:00+05:30 or 2026-03-01T04:00:00Z.");
        }
        if (instant.isAfter(now.plus(MAX_FUTURE))) {
            return Optional.of("occurredAt " + occurredAt.trim() + " is more than one day in the future; check the producer's clock.");
        }
        parsed[0] = instant;
        return Optional.empty();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String abbreviate(String value) {
        String printable = value.replace('\0', '?');
        return printable.length() <= 60 ? printable : printable.substring(0, 57) + "...";
    }
}
