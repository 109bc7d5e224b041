package io.annometrics.event.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What events say about who authored one annotation: the earliest creation event and the earliest
 * event that names an author. "Earliest" is by occurredAt, then event id, so that the outcome does not
 * depend on the order in which events arrive. The same record holds what is stored for an annotation
 * and what a new batch adds; {@link #merge} combines the two.
 */
public record AuthorshipEvidence(
        String projectId,
        String annotationId,
        String creator,
        Instant createdAt,
        String createdEventId,
        String authorHint,
        Instant hintAt,
        String hintEventId) {

    private static final Comparator<NewEvent> EARLIEST = Comparator.comparing(NewEvent::occurredAt)
            .thenComparing(NewEvent::eventId);

    /** The evidence of {@code events}, one entry per annotation that has any, sorted by project and annotation. */
    public static List<AuthorshipEvidence> of(List<NewEvent> events) {
        Map<String, Map<String, NewEvent[]>> byProject = new TreeMap<>();
        for (NewEvent event : events) {
            NewEvent[] best = byProject.computeIfAbsent(event.projectId(), p -> new TreeMap<>())
                    .computeIfAbsent(event.annotationId(), a -> new NewEvent[2]);
            if (event.type() == EventType.ANNOTATION_CREATED && isEarlier(event, best[0])) {
                best[0] = event;
            }
            if (event.author() != null && isEarlier(event, best[1])) {
                best[1] = event;
            }
        }
        return byProject.values().stream()
                .flatMap(annotations -> annotations.values().stream())
                .filter(best -> best[0] != null || best[1] != null)
                .map(AuthorshipEvidence::from)
                .toList();
    }

    /** Nothing known yet about the annotation's author. */
    public static AuthorshipEvidence unknown(String projectId, String annotationId) {
        return new AuthorshipEvidence(projectId, annotationId, null, null, null, null, null, null);
    }

    /** The annotation's author: its creator, else the author that events named; null when unknown. */
    public String author() {
        return creator != null ? creator : authorHint;
    }

    /** What both say together: for the creator and for the hint, whichever evidence is earlier. */
    public AuthorshipEvidence merge(AuthorshipEvidence other) {
        boolean otherCreated = other.createdAt != null
                && (createdAt == null || isEarlier(other.createdAt, other.createdEventId, createdAt, createdEventId));
        boolean otherHinted = other.hintAt != null
                && (hintAt == null || isEarlier(other.hintAt, other.hintEventId, hintAt, hintEventId));
        return new AuthorshipEvidence(projectId, annotationId,
                otherCreated ? other.creator : creator,
                otherCreated ? other.createdAt : createdAt,
                otherCreated ? other.createdEventId : createdEventId,
                otherHinted ? other.authorHint : authorHint,
                otherHinted ? other.hintAt : hintAt,
                otherHinted ? other.hintEventId : hintEventId);
    }

    private static boolean isEarlier(Instant at, String eventId, Instant thanAt, String thanEventId) {
        int byTime = at.compareTo(thanAt);
        return byTime < 0 || (byTime == 0 && eventId.compareTo(thanEventId) < 0);
    }

    private static boolean isEarlier(NewEvent candidate, NewEvent current) {
        return current == null || EARLIEST.compare(candidate, current) < 0;
    }

    private static AuthorshipEvidence from(NewEvent[] best) {
        NewEvent created = best[0];
        NewEvent hinted = best[1];
        NewEvent any = created != null ? created : hinted;
        return new AuthorshipEvidence(any.projectId(), any.annotationId(),
                created == null ? null : created.actor(),
                created == null ? null : created.occurredAt(),
                created == null ? null : created.eventId(),
                hinted == null ? null : hinted.author(),
                hinted == null ? null : hinted.occurredAt(),
                hinted == null ? null : hinted.eventId());
    }
}
